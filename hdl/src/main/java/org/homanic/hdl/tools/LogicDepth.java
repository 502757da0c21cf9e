package org.homanic.hdl.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deepest register-to-register path of a synthesized netlist, counted in LUTs.
 *
 * <p>Yosys' own {@code ltp} counts every cell on a path, including each carry cell of an
 * adder, so it is not "LUT levels". This reads the flattened netlist Yosys writes with
 * {@code write_json}, walks the combinational cells from every register-like start point
 * (flip-flop, block-RAM and DSP outputs) to every register-like end point (their inputs) and
 * counts only LUT cells (a LUT RAM read, from its address pins, counts as one LUT; its data and
 * write-enable pins end paths, as a flip-flop's D does). Paths that begin at a module input or
 * end at a module output are left out: they continue in the logic around the design. Carry chains are
 * measured separately, as the longest run of carry cells linked carry-out to carry-in.
 */
public final class LogicDepth {

    /** The result: LUT levels on the deepest path, the cells along it, and the longest carry chain. */
    public record Result(int lutLevels, List<String> deepestPath, int longestCarryChain, String from, String to) {}

    private record Cell(String name, String type, List<Integer> inputs, List<Integer> outputs) {}

    private final Map<Integer, Cell> driver = new HashMap<>();
    private final List<Integer> ramWriteInputs = new ArrayList<>();
    /** Which flip-flop, RAM or port starts (drives) or ends (reads) each bit, for naming the deepest path. */
    private final Map<Integer, String> startName = new HashMap<>();
    private final Map<Integer, String> endName = new HashMap<>();
    private final Map<Integer, Integer> depth = new HashMap<>();
    private final Map<Integer, Integer> via = new HashMap<>();
    private final Set<Integer> visiting = new HashSet<>();

    private LogicDepth() {}

    /** Analyses module {@code top} of a Yosys JSON netlist. */
    public static Result analyse(Path netlistJson, String top) throws IOException {
        JsonNode root = new ObjectMapper().readTree(netlistJson.toFile());
        JsonNode module = root.path("modules").path(top);
        if (module.isMissingNode()) {
            throw new IOException("netlist " + netlistJson + " has no module " + top);
        }
        return new LogicDepth().run(module);
    }

    private Result run(JsonNode module) {
        List<Cell> cells = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = module.path("cells").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            List<Integer> in = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            String type = c.path("type").asText();
            boolean lutRam = isLutRam(type);
            for (Iterator<Map.Entry<String, JsonNode>> ports = c.path("connections").fields(); ports.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ports.next();
                boolean output = "output".equals(c.path("port_directions").path(p.getKey()).asText());
                // A LUT RAM reads combinationally from its address pins only; its data and write
                // enable are sampled at the clock edge, like a flip-flop's D.
                boolean writeSide = lutRam && !output && !isReadAddress(p.getKey());
                for (JsonNode bit : p.getValue()) {
                    if (bit.isInt()) {
                        if (writeSide) {
                            ramWriteInputs.add(bit.asInt());
                            endName.putIfAbsent(bit.asInt(), type + " " + e.getKey() + " (write)");
                        } else {
                            (output ? out : in).add(bit.asInt());
                        }
                    }
                }
            }
            cells.add(new Cell(e.getKey(), type, in, out));
        }
        for (Cell c : cells) {
            if (!isSequential(c.type())) {
                for (int bit : c.outputs()) {
                    driver.put(bit, c);
                }
            }
        }
        int best = 0;
        int bestBit = -1;
        List<Integer> ends = new ArrayList<>();
        Map<Integer, String> signalNames = signalNames(module);
        ends.addAll(ramWriteInputs);
        for (Cell c : cells) {
            if (isSequential(c.type())) {
                // Name a register by the signal on its output: Yosys renames the cells, not the nets.
                String label = c.outputs().stream().map(signalNames::get).filter(java.util.Objects::nonNull)
                        .findFirst().map(n -> c.type() + " " + n).orElse(c.type() + " " + c.name());
                ends.addAll(c.inputs());
                c.inputs().forEach(b -> endName.putIfAbsent(b, label));
                c.outputs().forEach(b -> startName.putIfAbsent(b, label));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = module.path("ports").fields(); it.hasNext(); ) {
            JsonNode p = it.next().getValue();
            // Paths from inputs or to outputs are not register-to-register: the ports name them only.
            boolean output = "output".equals(p.path("direction").asText());
            for (JsonNode bit : p.path("bits")) {
                if (bit.isInt() && !output) {
                    startName.putIfAbsent(bit.asInt(), "input port");
                }
            }
        }
        for (int bit : ends) {
            int d = depthOf(bit);
            if (d > best) {
                best = d;
                bestBit = bit;
            }
        }
        return new Result(best, pathTo(bestBit), longestCarryChain(cells), startOf(bestBit),
                endName.getOrDefault(bestBit, "?"));
    }

    /** Stands for "no register behind this bit": module inputs and undriven bits start no path. */
    private static final int NO_PATH = Integer.MIN_VALUE / 2;

    /** Each bit's user-visible signal name ({@code name[i]}), from the netlist's netnames. */
    private static Map<Integer, String> signalNames(JsonNode module) {
        Map<Integer, String> names = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = module.path("netnames").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("hide_name").asInt(0) != 0) {
                continue;
            }
            JsonNode bits = e.getValue().path("bits");
            for (int i = 0; i < bits.size(); i++) {
                if (bits.get(i).isInt()) {
                    String name = bits.size() > 1 ? e.getKey() + "[" + i + "]" : e.getKey();
                    names.merge(bits.get(i).asInt(), name, LogicDepth::betterName);
                }
            }
        }
        return names;
    }

    /** A designer's name over a generated one ({@code _add_3}), then the shorter. */
    private static String betterName(String a, String b) {
        boolean aGenerated = a.startsWith("_") || a.contains("._");
        boolean bGenerated = b.startsWith("_") || b.contains("._");
        if (aGenerated != bGenerated) {
            return aGenerated ? b : a;
        }
        return a.length() <= b.length() ? a : b;
    }

    /** LUT levels from the nearest register or RAM output to {@code bit}, or {@link #NO_PATH}. */
    private int depthOf(int bit) {
        Integer known = depth.get(bit);
        if (known != null) {
            return known;
        }
        Cell c = driver.get(bit);
        if (c == null) {
            return startName.containsKey(bit) && !startName.get(bit).equals("input port") ? 0 : NO_PATH;
        }
        if (!visiting.add(bit)) {
            return NO_PATH;
        }
        int worst = NO_PATH;
        int worstInput = -1;
        for (int in : c.inputs()) {
            int d = depthOf(in);
            if (d > worst) {
                worst = d;
                worstInput = in;
            }
        }
        visiting.remove(bit);
        int result = worst == NO_PATH ? NO_PATH : worst + (isLut(c.type()) ? 1 : 0);
        depth.put(bit, result);
        if (worstInput >= 0) {
            via.put(bit, worstInput);
        }
        return result;
    }

    private List<String> pathTo(int bit) {
        List<String> path = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Integer b = bit; b != null && b >= 0 && seen.add(b); b = via.get(b)) {
            Cell c = driver.get(b);
            if (c != null && isLut(c.type())) {
                path.addFirst(c.type() + " " + c.name());
            }
        }
        return path;
    }

    /** The flip-flop, RAM or port where the path ending in {@code bit} begins. */
    private String startOf(int bit) {
        Set<Integer> seen = new HashSet<>();
        Integer b = bit;
        while (b != null && seen.add(b) && via.containsKey(b)) {
            b = via.get(b);
        }
        return b == null ? "?" : startName.getOrDefault(b, "?");
    }

    private static int longestCarryChain(List<Cell> cells) {
        Map<Integer, Cell> carryByOutput = new HashMap<>();
        for (Cell c : cells) {
            if (isCarry(c.type())) {
                for (int bit : c.outputs()) {
                    carryByOutput.put(bit, c);
                }
            }
        }
        Map<Cell, Integer> length = new HashMap<>();
        int best = 0;
        for (Cell c : cells) {
            if (isCarry(c.type())) {
                best = Math.max(best, chainLength(c, carryByOutput, length, new HashSet<>()));
            }
        }
        return best;
    }

    private static int chainLength(Cell c, Map<Integer, Cell> carryByOutput, Map<Cell, Integer> memo, Set<Cell> seen) {
        Integer known = memo.get(c);
        if (known != null) {
            return known;
        }
        if (!seen.add(c)) {
            return 0;
        }
        int before = 0;
        for (int in : c.inputs()) {
            Cell prev = carryByOutput.get(in);
            if (prev != null && prev != c) {
                before = Math.max(before, chainLength(prev, carryByOutput, memo, seen));
            }
        }
        memo.put(c, before + 1);
        return before + 1;
    }

    private static boolean isLut(String type) {
        return type.startsWith("LUT") || type.equals("SB_LUT4") || type.matches("RAM\\d+[MSX].*");
    }

    private static boolean isLutRam(String type) {
        return type.matches("RAM\\d+[MSX].*");
    }

    /** Address pins of Xilinx LUT RAMs (ADDRA…ADDRH, A0…A6, DPRA0…DPRA6, RADR…): the read side. */
    private static boolean isReadAddress(String pin) {
        return pin.startsWith("ADDR") || pin.matches("A\\d+") || pin.startsWith("DPRA") || pin.startsWith("RADR");
    }

    private static boolean isCarry(String type) {
        return type.startsWith("CARRY") || type.equals("SB_CARRY");
    }

    /** Cells that start and end paths: flip-flops, block RAMs, DSPs, shift registers. */
    private static boolean isSequential(String type) {
        return type.startsWith("FD") || type.startsWith("RAMB") || type.startsWith("DSP") || type.startsWith("SRL")
                || type.startsWith("SB_DFF") || type.startsWith("SB_RAM") || type.startsWith("$_DFF")
                || type.startsWith("$_SDFF") || type.startsWith("$dff");
    }
}
