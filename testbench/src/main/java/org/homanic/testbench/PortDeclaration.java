package org.homanic.testbench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One top-level port as Verilator stores it in the model class: its C++ member name, direction,
 * width in bits and the size of its storage (1, 2, 4 or 8 bytes, or 32-bit words for wider ones).
 */
public record PortDeclaration(String name, PortDirection direction, int width, int storageBytes) {

    // Verilator 5 declares ports in V<top>.h as VL_IN8(&clk,0,0); VL_OUTW(&data,511,0,16); ...
    private static final Pattern DECLARATION = Pattern.compile(
            "VL_(IN|OUT|INOUT)(8|16|64|W)?\\(&(\\w+),(\\d+),(\\d+)(?:,(\\d+))?\\);");

    public PortDeclaration {
        if (width < 1) throw new IllegalArgumentException("port " + name + " has width " + width);
        if (storageBytes * 8 < width) throw new IllegalArgumentException("port " + name + " storage too small");
    }

    /** Whether the value is stored as an array of 32-bit words (more than 64 bits). */
    public boolean wide() {
        return width > 64;
    }

    /** The ports declared in a Verilator-generated model header, in declaration order. */
    public static List<PortDeclaration> parseModelHeader(String header) {
        List<PortDeclaration> ports = new ArrayList<>();
        Matcher m = DECLARATION.matcher(header);
        while (m.find()) {
            PortDirection dir = switch (m.group(1)) {
                case "IN" -> PortDirection.INPUT;
                case "OUT" -> PortDirection.OUTPUT;
                default -> PortDirection.INOUT;
            };
            int msb = Integer.parseInt(m.group(4));
            int lsb = Integer.parseInt(m.group(5));
            // Verilator stores [msb:lsb] right-aligned, so the Java side counts bits from 0.
            int width = msb - lsb + 1;
            String kind = m.group(2) == null ? "" : m.group(2);
            int bytes = switch (kind) {
                case "8" -> 1;
                case "16" -> 2;
                case "64" -> 8;
                case "W" -> 4 * Integer.parseInt(m.group(6));
                default -> 4;
            };
            ports.add(new PortDeclaration(m.group(3), dir, width, bytes));
        }
        return ports;
    }

    /** One line of the manifest kept next to a cached model. */
    String toManifestLine() {
        return name + '\t' + direction + '\t' + width + '\t' + storageBytes;
    }

    static PortDeclaration fromManifestLine(String line) {
        String[] f = line.split("\t");
        return new PortDeclaration(f[0], PortDirection.valueOf(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
    }
}
