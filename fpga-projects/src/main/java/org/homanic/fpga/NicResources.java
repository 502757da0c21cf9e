package org.homanic.fpga;

/**
 * The NIC's resource use with the default parameter set (the one every board uses), as measured
 * by {@code ./homa synth nic --target xcup} (Yosys {@code synth_xilinx -family xcup}). Vivado
 * packs differently (LUT combining, block RAM cascades); these are an open-source estimate, and
 * docs/boards.md records the run.
 *
 * @param luts        LUTs (including LUT RAM)
 * @param flipFlops   flip-flops
 * @param blockRams   36 Kb block RAMs (a RAMB18 counts one half)
 * @param lutLevels   LUT levels of the deepest register-to-register path
 * @param command     the command that measured it
 */
public record NicResources(int luts, int flipFlops, double blockRams, int lutLevels, String command) {
    /** 2026-11-22, Yosys 0.23, 770 s on the project's 2-core machine (docs/benchmarks.md). */
    public static final NicResources MEASURED = new NicResources(66_141, 48_205, 240.5, 6,
            "./homa synth nic --board corundum-au50 --target xcup");
}
