package org.homanic.fpga;

import org.homanic.rtl.nic.NicParams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The board projects {@code ./homa board} can generate, declared once. Parts are the ones the
 * shells' own build files name (Corundum {@code fpga/mqnic/<BOARD>/fpga_100g/fpga/Makefile},
 * OpenNIC {@code script/board_settings/<board>.tcl}); capacities are AMD's device tables.
 */
public final class Boards {
    private Boards() {}

    private static final Board.Capacity XCU250 = new Board.Capacity(1_728_000, 3_456_000, 2_688, 1_280, 12_288);
    private static final Board.Capacity XCU280 = new Board.Capacity(1_304_000, 2_607_000, 2_016, 960, 9_024);
    private static final Board.Capacity XCU50 = new Board.Capacity(872_000, 1_743_000, 1_344, 640, 5_952);
    private static final Board.Capacity XCU55C = new Board.Capacity(1_304_000, 2_607_000, 2_016, 960, 9_024);
    private static final String FLASH = "mt25qu01g-spi-x1_x2_x4";

    private static final Map<String, Board> ALL = new LinkedHashMap<>();

    static {
        add(new Board("corundum-au250", "Alveo U250", Shell.CORUNDUM, "xcu250-figd2104-2-e", "AU250", XCU250, 250, FLASH, NicParams.DEFAULT));
        add(new Board("corundum-au280", "Alveo U280", Shell.CORUNDUM, "xcu280-fsvh2892-2L-e", "AU280", XCU280, 250, FLASH, NicParams.DEFAULT));
        add(new Board("corundum-au50", "Alveo U50", Shell.CORUNDUM, "xcu50-fsvh2104-2-e", "AU50", XCU50, 250, FLASH, NicParams.DEFAULT));
        add(new Board("opennic-au250", "Alveo U250", Shell.OPENNIC, "xcu250-figd2104-2L-e", "au250", XCU250, 250, FLASH, NicParams.DEFAULT));
        add(new Board("opennic-au280", "Alveo U280", Shell.OPENNIC, "xcu280-fsvh2892-2L-e", "au280", XCU280, 250, FLASH, NicParams.DEFAULT));
        add(new Board("opennic-au55c", "Alveo U55C", Shell.OPENNIC, "xcu55c-fsvh2892-2L-e", "au55c", XCU55C, 250, FLASH, NicParams.DEFAULT));
    }

    private static void add(Board b) {
        ALL.put(b.name(), b);
    }

    public static Map<String, Board> all() {
        return java.util.Collections.unmodifiableMap(ALL);
    }

    /** The board called {@code name}; an error listing the known boards otherwise. */
    public static Board byName(String name) {
        Board b = ALL.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown board '" + name + "'; known boards: " + String.join(", ", ALL.keySet()));
        }
        return b;
    }
}
