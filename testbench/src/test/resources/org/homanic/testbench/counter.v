// An 8-bit counter with synchronous reset and enable; `wrapped` pulses for one cycle when it
// passes from 255 to 0. The test checks it against a Java count.
module counter (
    input  wire       clk,
    input  wire       rst,
    input  wire       enable,
    output reg  [7:0] count,
    output reg        wrapped
);
    always @(posedge clk) begin
        if (rst) begin
            count   <= 8'd0;
            wrapped <= 1'b0;
        end else begin
            wrapped <= enable && count == 8'hff;
            if (enable) count <= count + 8'd1;
        end
    end
endmodule
