// Ends the simulation in one of four ways, chosen by `mode`, when `count` reaches `at`:
// 0 = $finish, 1 = $stop, 2 = $fatal, 3 = failed immediate assertion. Prints a line each
// cycle once `at` is near, to check that $display reaches Java.
module finisher (
    input  wire        clk,
    input  wire [1:0]  mode,
    input  wire [15:0] at,
    output reg  [15:0] count
);
    initial count = 16'd0;
    always @(posedge clk) begin
        count <= count + 16'd1;
        if (count + 16'd1 == at) $display("finisher: about to end at count %0d", at);
        if (count == at) begin
            case (mode)
                2'd0: $finish;
                2'd1: $stop;
                2'd2: $fatal(1, "finisher: fatal at count %0d", count);
                default: assert (count != at) else $error("finisher: assertion failed at count %0d", count);
            endcase
        end
    end
endmodule
