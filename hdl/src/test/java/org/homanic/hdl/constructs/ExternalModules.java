package org.homanic.hdl.constructs;

import org.homanic.hdl.BlackBox;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** A black box with Verilog of its own (a hand-written adder) and parameters, instantiated twice. */
public final class ExternalModules extends Module {

    /** The external module: an adder with a registered output and a WIDTH parameter. */
    public static final class ExternalAdder extends BlackBox {
        final Bool clk = input(Bool());
        final UInt x = input(UInt(8));
        final UInt y = input(UInt(8));
        final UInt z = output(UInt(8));

        ExternalAdder() {
            verilogParameter("WIDTH", 8);
            verilogParameter("NAME", "adder");
        }

        @Override
        public String moduleName() {
            return "external_adder";
        }

        @Override
        public String verilogSource() {
            return """
                    `resetall
                    `default_nettype none
                    /* verilator lint_off UNUSEDPARAM */
                    module external_adder #(
                        parameter WIDTH = 4,
                        parameter NAME = "none"
                    ) (
                        /* verilator lint_on UNUSEDPARAM */
                        input  wire             clk,
                        input  wire [WIDTH-1:0] x,
                        input  wire [WIDTH-1:0] y,
                        output reg  [WIDTH-1:0] z
                    );
                        always @(posedge clk) z <= x + y;
                    endmodule
                    `resetall
                    """;
        }
    }

    final Bool clock = input(Bool());
    final UInt p = input(UInt(8));
    final UInt q = input(UInt(8));
    final UInt r = output(UInt(8));
    final ExternalAdder first = instance(new ExternalAdder());
    final ExternalAdder second = instance(new ExternalAdder());

    public ExternalModules() {
        comb(first.clk, clock);
        comb(first.x, p);
        comb(first.y, q);
        comb(second.clk, clock);
        comb(second.x, first.z);
        comb(second.y, p);
        comb(r, second.z);
    }
}
