// Stand-in for the AMD OpenNIC shell's 250 MHz box, for lint only.
//
// Ports transcribed by hand from Xilinx/open-nic-shell src/box_250mhz/box_250mhz.sv; like the
// shell's box it includes the user plugin's box_250mhz_address_map_inst.vh and
// user_plugin_250mhz_inst.vh, so the plugin text is checked exactly where the shell uses it.
// generic_reset (src/utility/generic_reset.sv) and the axi_lite_clock_converter IP
// (src/utility/vivado_ip/axi_lite_clock_converter.tcl, AMD axi_clock_converter in AXI4-Lite
// mode) are stand-ins with the real ports and a simplified behaviour.
`timescale 1ns/1ps
module box_250mhz #(
  parameter int MIN_PKT_LEN   = 64,
  parameter int MAX_PKT_LEN   = 1518,
  parameter int USE_PHYS_FUNC = 1,
  parameter int NUM_PHYS_FUNC = 1,
  parameter int NUM_CMAC_PORT = 1
) (
  input                          s_axil_awvalid,
  input                   [31:0] s_axil_awaddr,
  output                         s_axil_awready,
  input                          s_axil_wvalid,
  input                   [31:0] s_axil_wdata,
  output                         s_axil_wready,
  output                         s_axil_bvalid,
  output                   [1:0] s_axil_bresp,
  input                          s_axil_bready,
  input                          s_axil_arvalid,
  input                   [31:0] s_axil_araddr,
  output                         s_axil_arready,
  output                         s_axil_rvalid,
  output                  [31:0] s_axil_rdata,
  output                   [1:0] s_axil_rresp,
  input                          s_axil_rready,

  input      [NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tvalid,
  input  [512*NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tdata,
  input   [64*NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tkeep,
  input      [NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tlast,
  input   [16*NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tuser_size,
  input   [16*NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tuser_src,
  input   [16*NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tuser_dst,
  output     [NUM_PHYS_FUNC-1:0] s_axis_qdma_h2c_tready,

  output     [NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tvalid,
  output [512*NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tdata,
  output  [64*NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tkeep,
  output     [NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tlast,
  output  [16*NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tuser_size,
  output  [16*NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tuser_src,
  output  [16*NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tuser_dst,
  input      [NUM_PHYS_FUNC-1:0] m_axis_qdma_c2h_tready,

  output     [NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tvalid,
  output [512*NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tdata,
  output  [64*NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tkeep,
  output     [NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tlast,
  output  [16*NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tuser_size,
  output  [16*NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tuser_src,
  output  [16*NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tuser_dst,
  input      [NUM_CMAC_PORT-1:0] m_axis_adap_tx_250mhz_tready,

  input      [NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tvalid,
  input  [512*NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tdata,
  input   [64*NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tkeep,
  input      [NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tlast,
  input   [16*NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tuser_size,
  input   [16*NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tuser_src,
  input   [16*NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tuser_dst,
  output     [NUM_CMAC_PORT-1:0] s_axis_adap_rx_250mhz_tready,

  input                   [15:0] mod_rstn,
  output                  [15:0] mod_rst_done,

  input                          box_rstn,
  output                         box_rst_done,

  input                          axil_aclk,
  input                          axis_aclk
);

  wire internal_box_rstn;

  generic_reset #(
    .NUM_INPUT_CLK  (1),
    .RESET_DURATION (100)
  ) reset_inst (
    .mod_rstn     (box_rstn),
    .mod_rst_done (box_rst_done),
    .clk          (axil_aclk),
    .rstn         (internal_box_rstn)
  );

  `include "box_250mhz_address_map_inst.vh"

  `include "user_plugin_250mhz_inst.vh"

  wire _unused_params = &{1'b0, MIN_PKT_LEN[0], MAX_PKT_LEN[0], mod_rstn[15:1]};

endmodule: box_250mhz

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

// AMD axi_clock_converter (AXI4-Lite, 32-bit data, 32-bit address) as OpenNIC configures it:
// same ports; here the two sides are simply wired through.
module axi_lite_clock_converter (
  input         s_axi_aclk,
  input         s_axi_aresetn,
  input  [31:0] s_axi_awaddr,
  input   [2:0] s_axi_awprot,
  input         s_axi_awvalid,
  output        s_axi_awready,
  input  [31:0] s_axi_wdata,
  input   [3:0] s_axi_wstrb,
  input         s_axi_wvalid,
  output        s_axi_wready,
  output  [1:0] s_axi_bresp,
  output        s_axi_bvalid,
  input         s_axi_bready,
  input  [31:0] s_axi_araddr,
  input   [2:0] s_axi_arprot,
  input         s_axi_arvalid,
  output        s_axi_arready,
  output [31:0] s_axi_rdata,
  output  [1:0] s_axi_rresp,
  output        s_axi_rvalid,
  input         s_axi_rready,
  input         m_axi_aclk,
  input         m_axi_aresetn,
  output [31:0] m_axi_awaddr,
  output  [2:0] m_axi_awprot,
  output        m_axi_awvalid,
  input         m_axi_awready,
  output [31:0] m_axi_wdata,
  output  [3:0] m_axi_wstrb,
  output        m_axi_wvalid,
  input         m_axi_wready,
  input   [1:0] m_axi_bresp,
  input         m_axi_bvalid,
  output        m_axi_bready,
  output [31:0] m_axi_araddr,
  output  [2:0] m_axi_arprot,
  output        m_axi_arvalid,
  input         m_axi_arready,
  input  [31:0] m_axi_rdata,
  input   [1:0] m_axi_rresp,
  input         m_axi_rvalid,
  output        m_axi_rready
);
  assign m_axi_awaddr = s_axi_awaddr;
  assign m_axi_awprot = s_axi_awprot;
  assign m_axi_awvalid = s_axi_awvalid;
  assign s_axi_awready = m_axi_awready;
  assign m_axi_wdata = s_axi_wdata;
  assign m_axi_wstrb = s_axi_wstrb;
  assign m_axi_wvalid = s_axi_wvalid;
  assign s_axi_wready = m_axi_wready;
  assign s_axi_bresp = m_axi_bresp;
  assign s_axi_bvalid = m_axi_bvalid;
  assign m_axi_bready = s_axi_bready;
  assign m_axi_araddr = s_axi_araddr;
  assign m_axi_arprot = s_axi_arprot;
  assign m_axi_arvalid = s_axi_arvalid;
  assign s_axi_arready = m_axi_arready;
  assign s_axi_rdata = m_axi_rdata;
  assign s_axi_rresp = m_axi_rresp;
  assign s_axi_rvalid = m_axi_rvalid;
  assign m_axi_rready = s_axi_rready;
  wire _unused = &{1'b0, s_axi_aclk, s_axi_aresetn, m_axi_aclk, m_axi_aresetn};
endmodule
