package org.homanic.fpga;

import org.homanic.rtl.nic.NicParams;

/**
 * One supported board project: an Alveo card in one shell.
 *
 * @param name        the name {@code ./homa board NAME} takes, e.g. {@code corundum-au250}
 * @param card        the card, e.g. {@code Alveo U250}
 * @param shell       the shell the NIC drops into
 * @param part        the FPGA part the shell builds for (as in the shell's own build files)
 * @param shellBoard  the shell's name for the board: Corundum's directory under
 *                    {@code fpga/mqnic/} (e.g. {@code AU250}), OpenNIC's {@code -board} value (e.g. {@code au250})
 * @param capacity    what the part holds
 * @param coreClockMhz the clock the NIC runs at inside the shell
 * @param flashPart   the configuration flash Vivado programs ({@code get_cfgmem_parts} name)
 * @param nic         the NIC's parameter set on this board
 */
public record Board(String name, String card, Shell shell, String part, String shellBoard,
                    Capacity capacity, int coreClockMhz, String flashPart, NicParams nic) {

    /**
     * The resources of an FPGA part (AMD UltraScale+ product tables for the Alveo cards).
     *
     * @param luts       CLB LUTs
     * @param flipFlops  CLB flip-flops
     * @param blockRams  36 Kb block RAMs (RAMB36E2; each is two RAMB18E2)
     * @param ultraRams  288 Kb UltraRAMs
     * @param dsps       DSP48E2 slices
     */
    public record Capacity(int luts, int flipFlops, int blockRams, int ultraRams, int dsps) {}
}
