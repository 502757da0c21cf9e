// A combinational loop that oscillates once `enable` is set: Verilator's scheduler cannot settle
// it and reports a fatal "did not converge" error, which must not take the JVM down.
module oscillator (
    input  wire enable,
    output wire y
);
    /* verilator lint_off UNOPTFLAT */
    wire a;
    assign a = enable ? ~a : 1'b0;
    /* verilator lint_on UNOPTFLAT */
    assign y = a;
endmodule
