package org.homanic.hdl.constructs;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.examples.AxisPipeline;
import org.homanic.hdl.examples.PacketPriorityArbiter;
import org.homanic.hdl.lib.Arbiter;
import org.homanic.hdl.lib.Demux;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.PacketFifo;
import org.homanic.hdl.Axis;
import org.homanic.hdl.tools.Synth;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.hdl.support.VerilogChecks.lintAndSynth;
import static org.homanic.hdl.support.VerilogChecks.synthXilinx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every construct emits Verilog that Verilator lints with zero -Wall warnings and Yosys
 * synthesizes, and the text has the shape an FPGA engineer expects.
 */
class EmitConstructsTest {

    @Test
    void counterReadsLikeHandWrittenVerilog() throws Exception {
        Verilog.Design d = lintAndSynth(new Counter(8));
        String v = d.files().get("Counter.v");
        assertTrue(v.contains("module Counter ("), v);
        assertTrue(v.contains("input  wire       clk,"), "clock first, aligned columns:\n" + v);
        assertTrue(v.contains("output wire [7:0] count"), v);
        assertTrue(v.contains("reg [7:0] value;"), "registers keep their names:\n" + v);
        assertTrue(v.contains("value <= value + 8'd1;"), v);
        assertTrue(v.contains("if (rst) begin\n            value <= 8'd0;"), "synchronous reset, last in the block:\n" + v);
        assertTrue(v.contains("//   WIDTH = 8"), "parameters in the header:\n" + v);
    }

    @Test
    void everyOperatorLintsCleanly() throws Exception {
        String v = lintAndSynth(new Operators()).files().get("Operators.v");
        assertTrue(v.contains("$signed("), "signed comparisons use $signed:\n" + v);
        assertTrue(v.contains(">>>"), "arithmetic shift right for SInt:\n" + v);
    }

    @Test
    void switchesAndNestedConditionals() throws Exception {
        String v = lintAndSynth(new SwitchDecoder()).files().get("SwitchDecoder.v");
        assertTrue(v.contains("3'd1, 3'd2: begin"), v);
        assertTrue(v.contains("end else if ("), v);
        assertTrue(v.contains("default: begin"), v);
    }

    @Test
    void bundlesVectorsAndPacking() throws Exception {
        String v = lintAndSynth(new BundlesAndVectors()).files().get("BundlesAndVectors.v");
        assertTrue(v.contains("input  wire [3:0]  req_address"), "bundle fields are named <port>_<field>:\n" + v);
        assertTrue(v.contains("output wire        req_ack"), "a flipped field points the other way:\n" + v);
        assertTrue(v.contains("reg [7:0] regs_0;"), "vector elements are named <name>_<index>:\n" + v);
    }

    @Test
    void memoriesInferBlockRamAndLutRam() throws Exception {
        Verilog.Design d = lintAndSynth(new Memories(1024, 32));
        String v = d.files().get("Memories.v");
        assertTrue(v.contains("reg [31:0] ram [0:1023];"), v);
        assertTrue(v.contains("squares[15] = 8'd225;"), "initial contents from the Java array:\n" + v);
        Synth.Result xcup = synthXilinx(d);
        int bram = xcup.cells().entrySet().stream().filter(e -> e.getKey().startsWith("RAMB"))
                .mapToInt(Map.Entry::getValue).sum();
        int lutram = xcup.cells().entrySet().stream().filter(e -> e.getKey().matches("RAM\\d+[MSX].*"))
                .mapToInt(Map.Entry::getValue).sum();
        assertTrue(bram >= 1, "the synchronous-read memory becomes block RAM: " + xcup.cells());
        assertTrue(lutram >= 1, "the asynchronous-read memory becomes LUT RAM: " + xcup.cells());
    }

    @Test
    void stateMachineStatesAreLocalparams() throws Exception {
        String v = lintAndSynth(new PacketFsm()).files().get("PacketFsm.v");
        assertTrue(v.contains("localparam [1:0] STATE_IDLE = 2'd0;"), v);
        assertTrue(v.contains("localparam [1:0] STATE_DONE = 2'd3;"), v);
        assertTrue(v.contains("STATE_PAYLOAD: begin"), "case items use the state names:\n" + v);
        assertTrue(v.contains("state <= STATE_HEADER;"), v);
    }

    @Test
    void twoClockDomainsWithASynchronizer() throws Exception {
        Verilog.Design d = lintAndSynth(new ClockCrossing());
        String v = d.files().get("ClockCrossing.v");
        assertTrue(v.contains("always @(posedge tx_clk) begin"), v);
        assertTrue(v.contains("always @(posedge clk) begin"), v);
        assertTrue(d.files().containsKey("Synchronizer.v"));
    }

    @Test
    void hierarchyDeduplicatesIdenticalModulesAndKeepsInstanceNames() throws Exception {
        Verilog.Design d = lintAndSynth(new Hierarchy());
        assertEquals(List.of("Hierarchy.json", "Hierarchy.v", "RegSlice.v", "RegSlice_1.v"), List.copyOf(d.files().keySet()));
        String v = d.files().get("Hierarchy.v");
        assertTrue(v.contains("RegSlice first ("), v);
        assertTrue(v.contains("RegSlice second ("), v);
        assertTrue(v.contains("RegSlice_1 priority_ ("), "a keyword field name gets a trailing underscore:\n" + v);
    }

    @Test
    void blackBoxesAreInstantiatedWithParameters() throws Exception {
        Verilog.Design d = lintAndSynth(new ExternalModules());
        String v = d.files().get("ExternalModules.v");
        assertTrue(v.contains("external_adder #(\n        .WIDTH(8),\n        .NAME(\"adder\")\n    ) first ("), v);
        assertTrue(d.files().containsKey("external_adder.v"));
    }

    @Test
    void streamLibrary() throws Exception {
        lintAndSynth(new Fifo<>(() -> UInt(16), 8));
        lintAndSynth(new Arbiter<>(() -> UInt(16), 4, Arbiter.Policy.ROUND_ROBIN, null));
        lintAndSynth(new Arbiter<>(() -> UInt(16), 3, Arbiter.Policy.PRIORITY, null));
        lintAndSynth(new Demux<>(() -> UInt(16), 3));
        lintAndSynth(new PacketFifo<>(() -> new Axis.Beat(64, 1), 32, beat -> beat.last));
    }

    @Test
    void exampleDesignsOfRealSize() throws Exception {
        Verilog.Design pipeline = lintAndSynth(new AxisPipeline(512, 1, 64));
        Synth.Result cells = synthXilinx(pipeline);
        int flops = cells.cells().entrySet().stream().filter(e -> e.getKey().matches("FD[RSCP]E"))
                .mapToInt(Map.Entry::getValue).sum();
        assertTrue(flops > 2000, "two 512-bit register slices hold thousands of flops: " + cells.cells());
        lintAndSynth(new PacketPriorityArbiter(4, 64));
    }

    /** Keywords as explicit names: a wire, a register, an instance and a memory. */
    static final class KeywordNames extends org.homanic.hdl.Module {
        final org.homanic.hdl.UInt in = input("input", UInt(4));
        final org.homanic.hdl.UInt out = output("output", UInt(4));

        KeywordNames() {
            org.homanic.hdl.UInt wire = let("wire", in.add(1));
            org.homanic.hdl.Mem mem = mem("reg", 4, 4);
            when(in.bit(0), () -> mem.write(in.bits(1, 0), wire));
            comb(out, mem.read(in.bits(3, 2)));
        }
    }

    @Test
    void explicitKeywordNamesGetATrailingUnderscore() throws Exception {
        String v = lintAndSynth(new KeywordNames()).files().get("KeywordNames.v");
        assertTrue(v.contains("input  wire [3:0] input_,"), v);
        assertTrue(v.contains("wire [3:0] wire_;"), v);
        assertTrue(v.contains("reg [3:0] reg_ [0:3];"), v);
    }

    @Test
    void outputIsDeterministic() {
        Verilog.Design first = Verilog.emit(new AxisPipeline(64, 4, 16));
        Verilog.Design second = Verilog.emit(new AxisPipeline(64, 4, 16));
        assertEquals(first.files(), second.files());
    }

    @Test
    void manifestDescribesTheTop() {
        Verilog.Design d = Verilog.emit(new Counter(8));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ports = (List<Map<String, Object>>) d.manifest().get("ports");
        assertEquals(Map.of("name", "count", "direction", "output", "width", 8, "signed", false, "role", "data",
                "domain", "sync"), ports.stream().filter(p -> p.get("name").equals("count")).findFirst().orElseThrow());
        assertEquals(Map.of("WIDTH", 8), d.manifest().get("parameters"));
        assertTrue(d.files().get("Counter.json").contains("\"resetKind\" : \"synchronous, active high\""));
    }
}
