package org.homanic.fpga;

import org.homanic.fpga.VerilogText.Port;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code mqnic_app_block}, the module Corundum's {@code mqnic_core} instantiates for the
 * application section, with exactly the template's parameters and ports
 * ({@code fpga/app/template/rtl/mqnic_app_block.v}, docs {@code docs/source/modules/mqnic_app_block.rst}).
 * The NIC sits on interface 0's {@code *_axis_if_*} tap points (core clock, 512 bits): frames
 * from the interface RX FIFO enter the NIC as MAC RX, its host queues leave towards the host
 * with the queue number in {@code tdest} (the RX queue map adds {@code tdest & app_mask}), host
 * TX enters its egress classifier and its MAC TX returns to the TX FIFO. The application
 * control window ({@code s_axil_app_ctrl}, PCIe BAR 2) reaches the NIC's register block. Every
 * other interface, and interfaces 1 and up, pass through unchanged.
 */
public final class CorundumAppBlock {
    private CorundumAppBlock() {}

    static final String SOURCE = "corundum/corundum fpga/app/template/rtl/mqnic_app_block.v";

    /** The module's parameters, with the template's defaults, in the template's order. */
    static final List<String[]> PARAMETERS = List.of(
            p("IF_COUNT", "1"), p("PORTS_PER_IF", "1"), p("SCHED_PER_IF", "PORTS_PER_IF"),
            p("PORT_COUNT", "IF_COUNT*PORTS_PER_IF"),
            p("CLK_PERIOD_NS_NUM", "4"), p("CLK_PERIOD_NS_DENOM", "1"),
            p("PTP_CLK_PERIOD_NS_NUM", "4"), p("PTP_CLK_PERIOD_NS_DENOM", "1"), p("PTP_TS_WIDTH", "96"),
            p("PTP_USE_SAMPLE_CLOCK", "0"), p("PTP_PORT_CDC_PIPELINE", "0"), p("PTP_PEROUT_ENABLE", "0"),
            p("PTP_PEROUT_COUNT", "1"),
            p("PTP_TS_ENABLE", "1"), p("TX_TAG_WIDTH", "16"), p("MAX_TX_SIZE", "9214"), p("MAX_RX_SIZE", "9214"),
            p("APP_ID", "32'h12340001"), p("APP_CTRL_ENABLE", "1"), p("APP_DMA_ENABLE", "1"),
            p("APP_AXIS_DIRECT_ENABLE", "1"), p("APP_AXIS_SYNC_ENABLE", "1"), p("APP_AXIS_IF_ENABLE", "1"),
            p("APP_STAT_ENABLE", "1"), p("APP_GPIO_IN_WIDTH", "32"), p("APP_GPIO_OUT_WIDTH", "32"),
            p("DMA_ADDR_WIDTH", "64"), p("DMA_IMM_ENABLE", "0"), p("DMA_IMM_WIDTH", "32"), p("DMA_LEN_WIDTH", "16"),
            p("DMA_TAG_WIDTH", "16"), p("RAM_SEL_WIDTH", "4"), p("RAM_ADDR_WIDTH", "16"), p("RAM_SEG_COUNT", "2"),
            p("RAM_SEG_DATA_WIDTH", "256*2/RAM_SEG_COUNT"), p("RAM_SEG_BE_WIDTH", "RAM_SEG_DATA_WIDTH/8"),
            p("RAM_SEG_ADDR_WIDTH", "RAM_ADDR_WIDTH-$clog2(RAM_SEG_COUNT*RAM_SEG_BE_WIDTH)"), p("RAM_PIPELINE", "2"),
            p("AXIL_APP_CTRL_DATA_WIDTH", "32"), p("AXIL_APP_CTRL_ADDR_WIDTH", "16"),
            p("AXIL_APP_CTRL_STRB_WIDTH", "(AXIL_APP_CTRL_DATA_WIDTH/8)"),
            p("AXIL_CTRL_DATA_WIDTH", "32"), p("AXIL_CTRL_ADDR_WIDTH", "16"),
            p("AXIL_CTRL_STRB_WIDTH", "(AXIL_CTRL_DATA_WIDTH/8)"),
            p("AXIS_DATA_WIDTH", "512"), p("AXIS_KEEP_WIDTH", "AXIS_DATA_WIDTH/8"),
            p("AXIS_TX_USER_WIDTH", "TX_TAG_WIDTH + 1"),
            p("AXIS_RX_USER_WIDTH", "(PTP_TS_ENABLE ? PTP_TS_WIDTH : 0) + 1"), p("AXIS_RX_USE_READY", "0"),
            p("AXIS_SYNC_DATA_WIDTH", "AXIS_DATA_WIDTH"), p("AXIS_SYNC_KEEP_WIDTH", "AXIS_SYNC_DATA_WIDTH/8"),
            p("AXIS_SYNC_TX_USER_WIDTH", "AXIS_TX_USER_WIDTH"), p("AXIS_SYNC_RX_USER_WIDTH", "AXIS_RX_USER_WIDTH"),
            p("AXIS_IF_DATA_WIDTH", "AXIS_SYNC_DATA_WIDTH*2**$clog2(PORTS_PER_IF)"),
            p("AXIS_IF_KEEP_WIDTH", "AXIS_IF_DATA_WIDTH/8"), p("AXIS_IF_TX_ID_WIDTH", "12"),
            p("AXIS_IF_RX_ID_WIDTH", "PORTS_PER_IF > 1 ? $clog2(PORTS_PER_IF) : 1"),
            p("AXIS_IF_TX_DEST_WIDTH", "$clog2(PORTS_PER_IF)+4"), p("AXIS_IF_RX_DEST_WIDTH", "8"),
            p("AXIS_IF_TX_USER_WIDTH", "AXIS_SYNC_TX_USER_WIDTH"), p("AXIS_IF_RX_USER_WIDTH", "AXIS_SYNC_RX_USER_WIDTH"),
            p("STAT_ENABLE", "1"), p("STAT_INC_WIDTH", "24"), p("STAT_ID_WIDTH", "12"));

    private static String[] p(String name, String value) {
        return new String[] {name, value};
    }

    /** The module's ports, in the template's order. */
    static List<Port> ports() {
        List<Port> l = new ArrayList<>();
        l.add(Port.in("", "clk"));
        l.add(Port.in("", "rst"));
        axil(l, "s_axil_app_ctrl", "AXIL_APP_CTRL", true);
        axil(l, "m_axil_ctrl", "AXIL_CTRL", false);
        for (String kind : List.of("ctrl", "data")) {
            desc(l, "m_axis_" + kind + "_dma_read_desc", false);
            status(l, "s_axis_" + kind + "_dma_read_desc_status");
            desc(l, "m_axis_" + kind + "_dma_write_desc", true);
            status(l, "s_axis_" + kind + "_dma_write_desc_status");
        }
        for (String kind : List.of("ctrl", "data")) {
            String n = kind + "_dma_ram_";
            l.add(Port.in("RAM_SEG_COUNT*RAM_SEL_WIDTH-1:0", n + "wr_cmd_sel"));
            l.add(Port.in("RAM_SEG_COUNT*RAM_SEG_BE_WIDTH-1:0", n + "wr_cmd_be"));
            l.add(Port.in("RAM_SEG_COUNT*RAM_SEG_ADDR_WIDTH-1:0", n + "wr_cmd_addr"));
            l.add(Port.in("RAM_SEG_COUNT*RAM_SEG_DATA_WIDTH-1:0", n + "wr_cmd_data"));
            l.add(Port.in("RAM_SEG_COUNT-1:0", n + "wr_cmd_valid"));
            l.add(Port.out("RAM_SEG_COUNT-1:0", n + "wr_cmd_ready"));
            l.add(Port.out("RAM_SEG_COUNT-1:0", n + "wr_done"));
            l.add(Port.in("RAM_SEG_COUNT*RAM_SEL_WIDTH-1:0", n + "rd_cmd_sel"));
            l.add(Port.in("RAM_SEG_COUNT*RAM_SEG_ADDR_WIDTH-1:0", n + "rd_cmd_addr"));
            l.add(Port.in("RAM_SEG_COUNT-1:0", n + "rd_cmd_valid"));
            l.add(Port.out("RAM_SEG_COUNT-1:0", n + "rd_cmd_ready"));
            l.add(Port.out("RAM_SEG_COUNT*RAM_SEG_DATA_WIDTH-1:0", n + "rd_resp_data"));
            l.add(Port.out("RAM_SEG_COUNT-1:0", n + "rd_resp_valid"));
            l.add(Port.in("RAM_SEG_COUNT-1:0", n + "rd_resp_ready"));
        }
        for (String s : List.of("ptp_clk", "ptp_rst", "ptp_sample_clk", "ptp_pps", "ptp_pps_str")) {
            l.add(Port.in("", s));
        }
        l.add(Port.in("PTP_TS_WIDTH-1:0", "ptp_ts_96"));
        l.add(Port.in("", "ptp_ts_step"));
        l.add(Port.in("", "ptp_sync_pps"));
        l.add(Port.in("PTP_TS_WIDTH-1:0", "ptp_sync_ts_96"));
        l.add(Port.in("", "ptp_sync_ts_step"));
        for (String s : List.of("locked", "error", "pulse")) {
            l.add(Port.in("PTP_PEROUT_COUNT-1:0", "ptp_perout_" + s));
        }
        l.add(Port.in("PORT_COUNT-1:0", "direct_tx_clk"));
        l.add(Port.in("PORT_COUNT-1:0", "direct_tx_rst"));
        stream(l, "s_axis_direct_tx", true, "PORT_COUNT", "AXIS_DATA_WIDTH", "AXIS_KEEP_WIDTH", "AXIS_TX_USER_WIDTH", null, null);
        stream(l, "m_axis_direct_tx", false, "PORT_COUNT", "AXIS_DATA_WIDTH", "AXIS_KEEP_WIDTH", "AXIS_TX_USER_WIDTH", null, null);
        cpl(l, "s_axis_direct_tx_cpl", true, "PORT_COUNT");
        cpl(l, "m_axis_direct_tx_cpl", false, "PORT_COUNT");
        l.add(Port.in("PORT_COUNT-1:0", "direct_rx_clk"));
        l.add(Port.in("PORT_COUNT-1:0", "direct_rx_rst"));
        stream(l, "s_axis_direct_rx", true, "PORT_COUNT", "AXIS_DATA_WIDTH", "AXIS_KEEP_WIDTH", "AXIS_RX_USER_WIDTH", null, null);
        stream(l, "m_axis_direct_rx", false, "PORT_COUNT", "AXIS_DATA_WIDTH", "AXIS_KEEP_WIDTH", "AXIS_RX_USER_WIDTH", null, null);
        stream(l, "s_axis_sync_tx", true, "PORT_COUNT", "AXIS_SYNC_DATA_WIDTH", "AXIS_SYNC_KEEP_WIDTH", "AXIS_SYNC_TX_USER_WIDTH", null, null);
        stream(l, "m_axis_sync_tx", false, "PORT_COUNT", "AXIS_SYNC_DATA_WIDTH", "AXIS_SYNC_KEEP_WIDTH", "AXIS_SYNC_TX_USER_WIDTH", null, null);
        cpl(l, "s_axis_sync_tx_cpl", true, "PORT_COUNT");
        cpl(l, "m_axis_sync_tx_cpl", false, "PORT_COUNT");
        stream(l, "s_axis_sync_rx", true, "PORT_COUNT", "AXIS_SYNC_DATA_WIDTH", "AXIS_SYNC_KEEP_WIDTH", "AXIS_SYNC_RX_USER_WIDTH", null, null);
        stream(l, "m_axis_sync_rx", false, "PORT_COUNT", "AXIS_SYNC_DATA_WIDTH", "AXIS_SYNC_KEEP_WIDTH", "AXIS_SYNC_RX_USER_WIDTH", null, null);
        stream(l, "s_axis_if_tx", true, "IF_COUNT", "AXIS_IF_DATA_WIDTH", "AXIS_IF_KEEP_WIDTH", "AXIS_IF_TX_USER_WIDTH", "AXIS_IF_TX_ID_WIDTH", "AXIS_IF_TX_DEST_WIDTH");
        stream(l, "m_axis_if_tx", false, "IF_COUNT", "AXIS_IF_DATA_WIDTH", "AXIS_IF_KEEP_WIDTH", "AXIS_IF_TX_USER_WIDTH", "AXIS_IF_TX_ID_WIDTH", "AXIS_IF_TX_DEST_WIDTH");
        cpl(l, "s_axis_if_tx_cpl", true, "IF_COUNT");
        cpl(l, "m_axis_if_tx_cpl", false, "IF_COUNT");
        stream(l, "s_axis_if_rx", true, "IF_COUNT", "AXIS_IF_DATA_WIDTH", "AXIS_IF_KEEP_WIDTH", "AXIS_IF_RX_USER_WIDTH", "AXIS_IF_RX_ID_WIDTH", "AXIS_IF_RX_DEST_WIDTH");
        stream(l, "m_axis_if_rx", false, "IF_COUNT", "AXIS_IF_DATA_WIDTH", "AXIS_IF_KEEP_WIDTH", "AXIS_IF_RX_USER_WIDTH", "AXIS_IF_RX_ID_WIDTH", "AXIS_IF_RX_DEST_WIDTH");
        l.add(Port.out("STAT_INC_WIDTH-1:0", "m_axis_stat_tdata"));
        l.add(Port.out("STAT_ID_WIDTH-1:0", "m_axis_stat_tid"));
        l.add(Port.out("", "m_axis_stat_tvalid"));
        l.add(Port.in("", "m_axis_stat_tready"));
        l.add(Port.in("APP_GPIO_IN_WIDTH-1:0", "gpio_in"));
        l.add(Port.out("APP_GPIO_OUT_WIDTH-1:0", "gpio_out"));
        l.add(Port.in("", "jtag_tdi"));
        l.add(Port.out("", "jtag_tdo"));
        l.add(Port.in("", "jtag_tms"));
        l.add(Port.in("", "jtag_tck"));
        return l;
    }

    private static void axil(List<Port> l, String n, String w, boolean subordinate) {
        String a = w + "_ADDR_WIDTH-1:0";
        String d = w + "_DATA_WIDTH-1:0";
        String s = w + "_STRB_WIDTH-1:0";
        // Manager-side fields are inputs of a subordinate port and outputs of a manager port.
        String[][] fields = {
                {a, "awaddr", "m"}, {"2:0", "awprot", "m"}, {"", "awvalid", "m"}, {"", "awready", "s"},
                {d, "wdata", "m"}, {s, "wstrb", "m"}, {"", "wvalid", "m"}, {"", "wready", "s"},
                {"1:0", "bresp", "s"}, {"", "bvalid", "s"}, {"", "bready", "m"},
                {a, "araddr", "m"}, {"2:0", "arprot", "m"}, {"", "arvalid", "m"}, {"", "arready", "s"},
                {d, "rdata", "s"}, {"1:0", "rresp", "s"}, {"", "rvalid", "s"}, {"", "rready", "m"}};
        for (String[] f : fields) {
            boolean in = f[2].equals("m") == subordinate;
            l.add(new Port(in ? "input" : "output", f[0], n + "_" + f[1]));
        }
    }

    private static void desc(List<Port> l, String n, boolean write) {
        l.add(Port.out("DMA_ADDR_WIDTH-1:0", n + "_dma_addr"));
        l.add(Port.out("RAM_SEL_WIDTH-1:0", n + "_ram_sel"));
        l.add(Port.out("RAM_ADDR_WIDTH-1:0", n + "_ram_addr"));
        if (write) {
            l.add(Port.out("DMA_IMM_WIDTH-1:0", n + "_imm"));
            l.add(Port.out("", n + "_imm_en"));
        }
        l.add(Port.out("DMA_LEN_WIDTH-1:0", n + "_len"));
        l.add(Port.out("DMA_TAG_WIDTH-1:0", n + "_tag"));
        l.add(Port.out("", n + "_valid"));
        l.add(Port.in("", n + "_ready"));
    }

    private static void status(List<Port> l, String n) {
        l.add(Port.in("DMA_TAG_WIDTH-1:0", n + "_tag"));
        l.add(Port.in("3:0", n + "_error"));
        l.add(Port.in("", n + "_valid"));
    }

    private static void stream(List<Port> l, String n, boolean sink, String count, String data, String keep,
                               String user, String id, String dest) {
        String fwd = sink ? "input" : "output";
        String back = sink ? "output" : "input";
        l.add(new Port(fwd, count + "*" + data + "-1:0", n + "_tdata"));
        l.add(new Port(fwd, count + "*" + keep + "-1:0", n + "_tkeep"));
        l.add(new Port(fwd, count + "-1:0", n + "_tvalid"));
        l.add(new Port(back, count + "-1:0", n + "_tready"));
        l.add(new Port(fwd, count + "-1:0", n + "_tlast"));
        if (id != null) {
            l.add(new Port(fwd, count + "*" + id + "-1:0", n + "_tid"));
            l.add(new Port(fwd, count + "*" + dest + "-1:0", n + "_tdest"));
        }
        l.add(new Port(fwd, count + "*" + user + "-1:0", n + "_tuser"));
    }

    private static void cpl(List<Port> l, String n, boolean sink, String count) {
        String fwd = sink ? "input" : "output";
        String back = sink ? "output" : "input";
        l.add(new Port(fwd, count + "*PTP_TS_WIDTH-1:0", n + "_ts"));
        l.add(new Port(fwd, count + "*TX_TAG_WIDTH-1:0", n + "_tag"));
        l.add(new Port(fwd, count + "-1:0", n + "_valid"));
        l.add(new Port(back, count + "-1:0", n + "_ready"));
    }

    /** The Verilog of {@code mqnic_app_block} around the adapter module {@code adapter}. */
    public static String verilog(String adapter, String boardName) {
        StringBuilder v = new StringBuilder();
        v.append(VerilogText.header("Corundum application block holding the Homa NIC (" + boardName + ")", SOURCE));
        v.append("`resetall\n`timescale 1ns / 1ps\n`default_nettype none\n\n");
        v.append("module mqnic_app_block #\n(\n");
        for (int i = 0; i < PARAMETERS.size(); i++) {
            String[] p = PARAMETERS.get(i);
            v.append("    parameter ").append(p[0]).append(" = ").append(p[1]).append(i + 1 < PARAMETERS.size() ? ",\n" : "\n");
        }
        v.append(")\n(\n").append(VerilogText.portList(ports())).append(");\n\n");
        v.append(BODY.replace("@ADAPTER@", adapter));
        // Parameters the NIC does not read (the shell passes them all), named so that lint knows.
        v.append("wire _unused_params = &{1'b0");
        for (String[] p : PARAMETERS) {
            v.append(",\n    ").append(p[0]).append(" != 0");
        }
        v.append("};\n\n");
        v.append("endmodule\n\n`resetall\n");
        return v.toString();
    }

    private static final String BODY = """
            // The NIC handles interface 0 at 512 bits, one port per interface.
            initial begin
                if (AXIS_IF_DATA_WIDTH != 512 || PORTS_PER_IF != 1 || AXIL_APP_CTRL_DATA_WIDTH != 32) begin
                    $error("Error: the Homa NIC needs AXIS_IF_DATA_WIDTH = 512, PORTS_PER_IF = 1, AXIL_APP_CTRL_DATA_WIDTH = 32 (instance %m)");
                    $finish;
                end
            end

            /*
             * Homa NIC on interface 0
             */
            wire [15:0] homa_host_tx_tag = s_axis_if_tx_tuser[TX_TAG_WIDTH:1];
            wire [3:0]  homa_host_rx_queue;
            wire [15:0] homa_host_rx_bytes;
            wire [15:0] homa_mac_tx_bytes;
            wire [15:0] homa_tx_cpl_tag;
            wire        homa_tx_cpl_valid;

            @ADAPTER@ homa_nic (
                .clk(clk),
                .rst(rst),
                .s_axis_mac_rx_tdata(s_axis_if_rx_tdata[AXIS_IF_DATA_WIDTH-1:0]),
                .s_axis_mac_rx_tkeep(s_axis_if_rx_tkeep[AXIS_IF_KEEP_WIDTH-1:0]),
                .s_axis_mac_rx_tvalid(s_axis_if_rx_tvalid[0]),
                .s_axis_mac_rx_tready(s_axis_if_rx_tready[0]),
                .s_axis_mac_rx_tlast(s_axis_if_rx_tlast[0]),
                .s_axis_mac_rx_tuser(s_axis_if_rx_tuser[0]),
                .m_axis_mac_tx_tdata(m_axis_if_tx_tdata[AXIS_IF_DATA_WIDTH-1:0]),
                .m_axis_mac_tx_tkeep(m_axis_if_tx_tkeep[AXIS_IF_KEEP_WIDTH-1:0]),
                .m_axis_mac_tx_tvalid(m_axis_if_tx_tvalid[0]),
                .m_axis_mac_tx_tready(m_axis_if_tx_tready[0]),
                .m_axis_mac_tx_tlast(m_axis_if_tx_tlast[0]),
                .m_axis_mac_tx_tuser(m_axis_if_tx_tuser[0]),
                .m_mac_tx_bytes(homa_mac_tx_bytes),
                .m_axis_host_rx_tdata(m_axis_if_rx_tdata[AXIS_IF_DATA_WIDTH-1:0]),
                .m_axis_host_rx_tkeep(m_axis_if_rx_tkeep[AXIS_IF_KEEP_WIDTH-1:0]),
                .m_axis_host_rx_tvalid(m_axis_if_rx_tvalid[0]),
                .m_axis_host_rx_tready(m_axis_if_rx_tready[0]),
                .m_axis_host_rx_tlast(m_axis_if_rx_tlast[0]),
                .m_axis_host_rx_tuser(m_axis_if_rx_tuser[0]),
                .m_host_rx_queue(homa_host_rx_queue),
                .m_host_rx_bytes(homa_host_rx_bytes),
                .s_axis_host_tx_tdata(s_axis_if_tx_tdata[AXIS_IF_DATA_WIDTH-1:0]),
                .s_axis_host_tx_tkeep(s_axis_if_tx_tkeep[AXIS_IF_KEEP_WIDTH-1:0]),
                .s_axis_host_tx_tvalid(s_axis_if_tx_tvalid[0]),
                .s_axis_host_tx_tready(s_axis_if_tx_tready[0]),
                .s_axis_host_tx_tlast(s_axis_if_tx_tlast[0]),
                .s_axis_host_tx_tuser(s_axis_if_tx_tuser[0]),
                .s_host_tx_tag(homa_host_tx_tag),
                .m_tx_cpl_valid(homa_tx_cpl_valid),
                .m_tx_cpl_ready(m_axis_if_tx_cpl_ready[0]),
                .m_tx_cpl_tag(homa_tx_cpl_tag),
                .s_axil_awaddr(s_axil_app_ctrl_awaddr[12:0]),
                .s_axil_awvalid(s_axil_app_ctrl_awvalid),
                .s_axil_awready(s_axil_app_ctrl_awready),
                .s_axil_wdata(s_axil_app_ctrl_wdata),
                .s_axil_wstrb(s_axil_app_ctrl_wstrb),
                .s_axil_wvalid(s_axil_app_ctrl_wvalid),
                .s_axil_wready(s_axil_app_ctrl_wready),
                .s_axil_bresp(s_axil_app_ctrl_bresp),
                .s_axil_bvalid(s_axil_app_ctrl_bvalid),
                .s_axil_bready(s_axil_app_ctrl_bready),
                .s_axil_araddr(s_axil_app_ctrl_araddr[12:0]),
                .s_axil_arvalid(s_axil_app_ctrl_arvalid),
                .s_axil_arready(s_axil_app_ctrl_arready),
                .s_axil_rdata(s_axil_app_ctrl_rdata),
                .s_axil_rresp(s_axil_app_ctrl_rresp),
                .s_axil_rvalid(s_axil_app_ctrl_rvalid),
                .s_axil_rready(s_axil_app_ctrl_rready)
            );

            // Frames to the host: the host queue picks the RX queue through the queue map's app mask.
            // The PTP timestamp of a frame does not survive the NIC's buffers: it leaves as 0.
            assign m_axis_if_rx_tuser[AXIS_IF_RX_USER_WIDTH-1:1] = {(AXIS_IF_RX_USER_WIDTH-1){1'b0}};
            assign m_axis_if_rx_tid[AXIS_IF_RX_ID_WIDTH-1:0] = {AXIS_IF_RX_ID_WIDTH{1'b0}};
            assign m_axis_if_rx_tdest[AXIS_IF_RX_DEST_WIDTH-1:0] = {{(AXIS_IF_RX_DEST_WIDTH-4){1'b0}}, homa_host_rx_queue};

            // Frames to the network: port 0, traffic class 0. The NIC reorders host frames by
            // priority and adds its own GRANTs, so it completes each host frame itself when it
            // takes it (timestamp 0) and absorbs the completions the MAC returns.
            assign m_axis_if_tx_tuser[AXIS_IF_TX_USER_WIDTH-1:1] = {(AXIS_IF_TX_USER_WIDTH-1){1'b0}};
            assign m_axis_if_tx_tid[AXIS_IF_TX_ID_WIDTH-1:0] = {AXIS_IF_TX_ID_WIDTH{1'b0}};
            assign m_axis_if_tx_tdest[AXIS_IF_TX_DEST_WIDTH-1:0] = {AXIS_IF_TX_DEST_WIDTH{1'b0}};
            assign m_axis_if_tx_cpl_ts[PTP_TS_WIDTH-1:0] = {PTP_TS_WIDTH{1'b0}};
            assign m_axis_if_tx_cpl_tag[TX_TAG_WIDTH-1:0] = homa_tx_cpl_tag[TX_TAG_WIDTH-1:0];
            assign m_axis_if_tx_cpl_valid[0] = homa_tx_cpl_valid;
            assign s_axis_if_tx_cpl_ready[0] = 1'b1;

            /*
             * Interfaces 1 and up pass through
             */
            genvar n;
            generate
                for (n = 1; n < IF_COUNT; n = n + 1) begin : pass_if
                    assign m_axis_if_tx_tdata[n*AXIS_IF_DATA_WIDTH +: AXIS_IF_DATA_WIDTH] = s_axis_if_tx_tdata[n*AXIS_IF_DATA_WIDTH +: AXIS_IF_DATA_WIDTH];
                    assign m_axis_if_tx_tkeep[n*AXIS_IF_KEEP_WIDTH +: AXIS_IF_KEEP_WIDTH] = s_axis_if_tx_tkeep[n*AXIS_IF_KEEP_WIDTH +: AXIS_IF_KEEP_WIDTH];
                    assign m_axis_if_tx_tvalid[n] = s_axis_if_tx_tvalid[n];
                    assign s_axis_if_tx_tready[n] = m_axis_if_tx_tready[n];
                    assign m_axis_if_tx_tlast[n] = s_axis_if_tx_tlast[n];
                    assign m_axis_if_tx_tid[n*AXIS_IF_TX_ID_WIDTH +: AXIS_IF_TX_ID_WIDTH] = s_axis_if_tx_tid[n*AXIS_IF_TX_ID_WIDTH +: AXIS_IF_TX_ID_WIDTH];
                    assign m_axis_if_tx_tdest[n*AXIS_IF_TX_DEST_WIDTH +: AXIS_IF_TX_DEST_WIDTH] = s_axis_if_tx_tdest[n*AXIS_IF_TX_DEST_WIDTH +: AXIS_IF_TX_DEST_WIDTH];
                    assign m_axis_if_tx_tuser[n*AXIS_IF_TX_USER_WIDTH +: AXIS_IF_TX_USER_WIDTH] = s_axis_if_tx_tuser[n*AXIS_IF_TX_USER_WIDTH +: AXIS_IF_TX_USER_WIDTH];
                    assign m_axis_if_tx_cpl_ts[n*PTP_TS_WIDTH +: PTP_TS_WIDTH] = s_axis_if_tx_cpl_ts[n*PTP_TS_WIDTH +: PTP_TS_WIDTH];
                    assign m_axis_if_tx_cpl_tag[n*TX_TAG_WIDTH +: TX_TAG_WIDTH] = s_axis_if_tx_cpl_tag[n*TX_TAG_WIDTH +: TX_TAG_WIDTH];
                    assign m_axis_if_tx_cpl_valid[n] = s_axis_if_tx_cpl_valid[n];
                    assign s_axis_if_tx_cpl_ready[n] = m_axis_if_tx_cpl_ready[n];
                    assign m_axis_if_rx_tdata[n*AXIS_IF_DATA_WIDTH +: AXIS_IF_DATA_WIDTH] = s_axis_if_rx_tdata[n*AXIS_IF_DATA_WIDTH +: AXIS_IF_DATA_WIDTH];
                    assign m_axis_if_rx_tkeep[n*AXIS_IF_KEEP_WIDTH +: AXIS_IF_KEEP_WIDTH] = s_axis_if_rx_tkeep[n*AXIS_IF_KEEP_WIDTH +: AXIS_IF_KEEP_WIDTH];
                    assign m_axis_if_rx_tvalid[n] = s_axis_if_rx_tvalid[n];
                    assign s_axis_if_rx_tready[n] = m_axis_if_rx_tready[n];
                    assign m_axis_if_rx_tlast[n] = s_axis_if_rx_tlast[n];
                    assign m_axis_if_rx_tid[n*AXIS_IF_RX_ID_WIDTH +: AXIS_IF_RX_ID_WIDTH] = s_axis_if_rx_tid[n*AXIS_IF_RX_ID_WIDTH +: AXIS_IF_RX_ID_WIDTH];
                    assign m_axis_if_rx_tdest[n*AXIS_IF_RX_DEST_WIDTH +: AXIS_IF_RX_DEST_WIDTH] = s_axis_if_rx_tdest[n*AXIS_IF_RX_DEST_WIDTH +: AXIS_IF_RX_DEST_WIDTH];
                    assign m_axis_if_rx_tuser[n*AXIS_IF_RX_USER_WIDTH +: AXIS_IF_RX_USER_WIDTH] = s_axis_if_rx_tuser[n*AXIS_IF_RX_USER_WIDTH +: AXIS_IF_RX_USER_WIDTH];
                end
            endgenerate

            /*
             * Direct and synchronous MAC interfaces pass through
             */
            assign m_axis_direct_tx_tdata = s_axis_direct_tx_tdata;
            assign m_axis_direct_tx_tkeep = s_axis_direct_tx_tkeep;
            assign m_axis_direct_tx_tvalid = s_axis_direct_tx_tvalid;
            assign s_axis_direct_tx_tready = m_axis_direct_tx_tready;
            assign m_axis_direct_tx_tlast = s_axis_direct_tx_tlast;
            assign m_axis_direct_tx_tuser = s_axis_direct_tx_tuser;
            assign m_axis_direct_tx_cpl_ts = s_axis_direct_tx_cpl_ts;
            assign m_axis_direct_tx_cpl_tag = s_axis_direct_tx_cpl_tag;
            assign m_axis_direct_tx_cpl_valid = s_axis_direct_tx_cpl_valid;
            assign s_axis_direct_tx_cpl_ready = m_axis_direct_tx_cpl_ready;
            assign m_axis_direct_rx_tdata = s_axis_direct_rx_tdata;
            assign m_axis_direct_rx_tkeep = s_axis_direct_rx_tkeep;
            assign m_axis_direct_rx_tvalid = s_axis_direct_rx_tvalid;
            assign s_axis_direct_rx_tready = m_axis_direct_rx_tready;
            assign m_axis_direct_rx_tlast = s_axis_direct_rx_tlast;
            assign m_axis_direct_rx_tuser = s_axis_direct_rx_tuser;
            assign m_axis_sync_tx_tdata = s_axis_sync_tx_tdata;
            assign m_axis_sync_tx_tkeep = s_axis_sync_tx_tkeep;
            assign m_axis_sync_tx_tvalid = s_axis_sync_tx_tvalid;
            assign s_axis_sync_tx_tready = m_axis_sync_tx_tready;
            assign m_axis_sync_tx_tlast = s_axis_sync_tx_tlast;
            assign m_axis_sync_tx_tuser = s_axis_sync_tx_tuser;
            assign m_axis_sync_tx_cpl_ts = s_axis_sync_tx_cpl_ts;
            assign m_axis_sync_tx_cpl_tag = s_axis_sync_tx_cpl_tag;
            assign m_axis_sync_tx_cpl_valid = s_axis_sync_tx_cpl_valid;
            assign s_axis_sync_tx_cpl_ready = m_axis_sync_tx_cpl_ready;
            assign m_axis_sync_rx_tdata = s_axis_sync_rx_tdata;
            assign m_axis_sync_rx_tkeep = s_axis_sync_rx_tkeep;
            assign m_axis_sync_rx_tvalid = s_axis_sync_rx_tvalid;
            assign s_axis_sync_rx_tready = m_axis_sync_rx_tready;
            assign m_axis_sync_rx_tlast = s_axis_sync_rx_tlast;
            assign m_axis_sync_rx_tuser = s_axis_sync_rx_tuser;

            /*
             * Unused: NIC control master, DMA, statistics, GPIO; JTAG loops through
             */
            assign m_axil_ctrl_awaddr = {AXIL_CTRL_ADDR_WIDTH{1'b0}};
            assign m_axil_ctrl_awprot = 3'b000;
            assign m_axil_ctrl_awvalid = 1'b0;
            assign m_axil_ctrl_wdata = {AXIL_CTRL_DATA_WIDTH{1'b0}};
            assign m_axil_ctrl_wstrb = {AXIL_CTRL_STRB_WIDTH{1'b0}};
            assign m_axil_ctrl_wvalid = 1'b0;
            assign m_axil_ctrl_bready = 1'b1;
            assign m_axil_ctrl_araddr = {AXIL_CTRL_ADDR_WIDTH{1'b0}};
            assign m_axil_ctrl_arprot = 3'b000;
            assign m_axil_ctrl_arvalid = 1'b0;
            assign m_axil_ctrl_rready = 1'b1;

            assign m_axis_ctrl_dma_read_desc_dma_addr = {DMA_ADDR_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_read_desc_ram_sel = {RAM_SEL_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_read_desc_ram_addr = {RAM_ADDR_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_read_desc_len = {DMA_LEN_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_read_desc_tag = {DMA_TAG_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_read_desc_valid = 1'b0;
            assign m_axis_ctrl_dma_write_desc_dma_addr = {DMA_ADDR_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_write_desc_ram_sel = {RAM_SEL_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_write_desc_ram_addr = {RAM_ADDR_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_write_desc_imm = {DMA_IMM_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_write_desc_imm_en = 1'b0;
            assign m_axis_ctrl_dma_write_desc_len = {DMA_LEN_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_write_desc_tag = {DMA_TAG_WIDTH{1'b0}};
            assign m_axis_ctrl_dma_write_desc_valid = 1'b0;
            assign m_axis_data_dma_read_desc_dma_addr = {DMA_ADDR_WIDTH{1'b0}};
            assign m_axis_data_dma_read_desc_ram_sel = {RAM_SEL_WIDTH{1'b0}};
            assign m_axis_data_dma_read_desc_ram_addr = {RAM_ADDR_WIDTH{1'b0}};
            assign m_axis_data_dma_read_desc_len = {DMA_LEN_WIDTH{1'b0}};
            assign m_axis_data_dma_read_desc_tag = {DMA_TAG_WIDTH{1'b0}};
            assign m_axis_data_dma_read_desc_valid = 1'b0;
            assign m_axis_data_dma_write_desc_dma_addr = {DMA_ADDR_WIDTH{1'b0}};
            assign m_axis_data_dma_write_desc_ram_sel = {RAM_SEL_WIDTH{1'b0}};
            assign m_axis_data_dma_write_desc_ram_addr = {RAM_ADDR_WIDTH{1'b0}};
            assign m_axis_data_dma_write_desc_imm = {DMA_IMM_WIDTH{1'b0}};
            assign m_axis_data_dma_write_desc_imm_en = 1'b0;
            assign m_axis_data_dma_write_desc_len = {DMA_LEN_WIDTH{1'b0}};
            assign m_axis_data_dma_write_desc_tag = {DMA_TAG_WIDTH{1'b0}};
            assign m_axis_data_dma_write_desc_valid = 1'b0;

            // The DMA RAMs of the application section are empty: writes complete, reads return zeros.
            assign ctrl_dma_ram_wr_cmd_ready = {RAM_SEG_COUNT{1'b1}};
            assign ctrl_dma_ram_wr_done = ctrl_dma_ram_wr_cmd_valid;
            assign ctrl_dma_ram_rd_cmd_ready = ctrl_dma_ram_rd_resp_ready;
            assign ctrl_dma_ram_rd_resp_data = {(RAM_SEG_COUNT*RAM_SEG_DATA_WIDTH){1'b0}};
            assign ctrl_dma_ram_rd_resp_valid = ctrl_dma_ram_rd_cmd_valid;
            assign data_dma_ram_wr_cmd_ready = {RAM_SEG_COUNT{1'b1}};
            assign data_dma_ram_wr_done = data_dma_ram_wr_cmd_valid;
            assign data_dma_ram_rd_cmd_ready = data_dma_ram_rd_resp_ready;
            assign data_dma_ram_rd_resp_data = {(RAM_SEG_COUNT*RAM_SEG_DATA_WIDTH){1'b0}};
            assign data_dma_ram_rd_resp_valid = data_dma_ram_rd_cmd_valid;

            assign m_axis_stat_tdata = {STAT_INC_WIDTH{1'b0}};
            assign m_axis_stat_tid = {STAT_ID_WIDTH{1'b0}};
            assign m_axis_stat_tvalid = 1'b0;

            assign gpio_out = {APP_GPIO_OUT_WIDTH{1'b0}};
            assign jtag_tdo = jtag_tdi;

            // Inputs this block does not read, named so that lint knows it is on purpose.
            wire _unused_inputs = &{1'b0,
                s_axil_app_ctrl_awaddr, s_axil_app_ctrl_awprot, s_axil_app_ctrl_araddr, s_axil_app_ctrl_arprot,
                m_axil_ctrl_awready, m_axil_ctrl_wready, m_axil_ctrl_bresp, m_axil_ctrl_bvalid,
                m_axil_ctrl_arready, m_axil_ctrl_rdata, m_axil_ctrl_rresp, m_axil_ctrl_rvalid,
                m_axis_ctrl_dma_read_desc_ready, m_axis_ctrl_dma_write_desc_ready,
                m_axis_data_dma_read_desc_ready, m_axis_data_dma_write_desc_ready,
                s_axis_ctrl_dma_read_desc_status_tag, s_axis_ctrl_dma_read_desc_status_error, s_axis_ctrl_dma_read_desc_status_valid,
                s_axis_ctrl_dma_write_desc_status_tag, s_axis_ctrl_dma_write_desc_status_error, s_axis_ctrl_dma_write_desc_status_valid,
                s_axis_data_dma_read_desc_status_tag, s_axis_data_dma_read_desc_status_error, s_axis_data_dma_read_desc_status_valid,
                s_axis_data_dma_write_desc_status_tag, s_axis_data_dma_write_desc_status_error, s_axis_data_dma_write_desc_status_valid,
                ctrl_dma_ram_wr_cmd_sel, ctrl_dma_ram_wr_cmd_be, ctrl_dma_ram_wr_cmd_addr, ctrl_dma_ram_wr_cmd_data,
                ctrl_dma_ram_rd_cmd_sel, ctrl_dma_ram_rd_cmd_addr,
                data_dma_ram_wr_cmd_sel, data_dma_ram_wr_cmd_be, data_dma_ram_wr_cmd_addr, data_dma_ram_wr_cmd_data,
                data_dma_ram_rd_cmd_sel, data_dma_ram_rd_cmd_addr,
                ptp_clk, ptp_rst, ptp_sample_clk, ptp_pps, ptp_pps_str, ptp_ts_96, ptp_ts_step,
                ptp_sync_pps, ptp_sync_ts_96, ptp_sync_ts_step, ptp_perout_locked, ptp_perout_error, ptp_perout_pulse,
                direct_tx_clk, direct_tx_rst, direct_rx_clk, direct_rx_rst,
                s_axis_if_rx_tid[AXIS_IF_RX_ID_WIDTH-1:0], s_axis_if_rx_tdest[AXIS_IF_RX_DEST_WIDTH-1:0],
                s_axis_if_rx_tuser[AXIS_IF_RX_USER_WIDTH-1:1],
                s_axis_if_tx_tid[AXIS_IF_TX_ID_WIDTH-1:0], s_axis_if_tx_tdest[AXIS_IF_TX_DEST_WIDTH-1:0],
                s_axis_if_tx_cpl_ts[PTP_TS_WIDTH-1:0], s_axis_if_tx_cpl_tag[TX_TAG_WIDTH-1:0], s_axis_if_tx_cpl_valid[0],
                homa_host_rx_bytes, homa_mac_tx_bytes,
                m_axis_stat_tready, gpio_in, jtag_tms, jtag_tck};

            """;
}
