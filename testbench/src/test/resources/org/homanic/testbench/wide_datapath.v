// A 512-bit datapath with one register stage: out = rotate-left-by-8(in) ^ key, registered.
// Also a 100-bit output (an odd number of 32-bit storage words) and a 33-bit one, to exercise
// every storage size Verilator uses.
module wide_datapath (
    input  wire         clk,
    input  wire [511:0] in_data,
    input  wire [511:0] key,
    output reg  [511:0] out_data,
    output wire [99:0]  low100,
    output wire [32:0]  low33,
    output wire [63:0]  top64
);
    always @(posedge clk) out_data <= {in_data[503:0], in_data[511:504]} ^ key;
    assign low100 = in_data[99:0];
    assign low33  = in_data[32:0];
    assign top64  = in_data[511:448];
endmodule
