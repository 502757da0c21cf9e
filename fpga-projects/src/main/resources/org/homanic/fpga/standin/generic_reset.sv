// Stand-in for the AMD OpenNIC shell's src/utility/generic_reset.sv, for lint only.
`timescale 1ns/1ps
// The shell's reset pair block: same parameters and ports; the reset simply follows mod_rstn.
module generic_reset #(
  parameter int NUM_INPUT_CLK    = 1,
  parameter int SAMPLE_CLK_INDEX = 0,
  parameter int RESET_DURATION   = 100
) (
  input                      mod_rstn,
  output                     mod_rst_done,
  input  [NUM_INPUT_CLK-1:0] clk,
  output [NUM_INPUT_CLK-1:0] rstn
);
  reg done = 1'b0;
  always @(posedge clk[0]) done <= mod_rstn;
  assign mod_rst_done = done;
  assign rstn = {NUM_INPUT_CLK{mod_rstn}};
  wire _unused_params = &{1'b0, SAMPLE_CLK_INDEX[0], RESET_DURATION[0]};
endmodule: generic_reset

