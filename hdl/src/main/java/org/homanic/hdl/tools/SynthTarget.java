package org.homanic.hdl.tools;

import java.util.Map;

/** An FPGA family to synthesize for with Yosys, and how to read its cell names. */
public enum SynthTarget {
    /** AMD UltraScale+ (Alveo U250/U280/U50/U55C). */
    XCUP("synth_xilinx -family xcup -flatten -top %s", "LUT\\d", "FD[RSCP]E", "RAMB36E2", "RAMB18E2",
            "RAM\\d+[MSX].*", "DSP48E2"),
    /** Lattice iCE40 (HX8K), small enough for a real place-and-route with nextpnr-ice40. */
    ICE40("synth_ice40 -top %s", "SB_LUT4", "SB_DFF.*", "SB_RAM40_4K", "(?!)", "(?!)", "SB_MAC16");

    private final String script;
    private final String lut;
    private final String flipFlop;
    private final String blockRam;
    private final String halfBlockRam;
    private final String lutRam;
    private final String dsp;

    SynthTarget(String script, String lut, String flipFlop, String blockRam, String halfBlockRam, String lutRam,
                String dsp) {
        this.script = script;
        this.lut = lut;
        this.flipFlop = flipFlop;
        this.blockRam = blockRam;
        this.halfBlockRam = halfBlockRam;
        this.lutRam = lutRam;
        this.dsp = dsp;
    }

    /** The Yosys synthesis command for top module {@code top}. */
    public String script(String top) {
        return String.format(script, top);
    }

    public int luts(Map<String, Integer> cells) {
        return count(cells, lut);
    }

    public int flipFlops(Map<String, Integer> cells) {
        return count(cells, flipFlop);
    }

    /** Block RAMs in units of the family's full block (an UltraScale+ RAMB18 counts as half a RAMB36). */
    public double blockRams(Map<String, Integer> cells) {
        return count(cells, blockRam) + count(cells, halfBlockRam) / 2.0;
    }

    public int lutRams(Map<String, Integer> cells) {
        return count(cells, lutRam);
    }

    public int dsps(Map<String, Integer> cells) {
        return count(cells, dsp);
    }

    private static int count(Map<String, Integer> cells, String regex) {
        return cells.entrySet().stream().filter(e -> e.getKey().matches(regex)).mapToInt(Map.Entry::getValue).sum();
    }
}
