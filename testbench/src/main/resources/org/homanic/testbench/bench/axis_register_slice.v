// A full-throughput AXI-Stream register slice (skid buffer): tvalid/tdata on the master side and
// tready on the slave side all come straight from flops, so no combinational path crosses it.
module axis_register_slice #(
    parameter DATA_WIDTH = 64
) (
    input  wire                    clk,
    input  wire                    rst,
    input  wire [DATA_WIDTH-1:0]   s_axis_tdata,
    input  wire [DATA_WIDTH/8-1:0] s_axis_tkeep,
    input  wire                    s_axis_tvalid,
    input  wire                    s_axis_tlast,
    output wire                    s_axis_tready,
    output reg  [DATA_WIDTH-1:0]   m_axis_tdata,
    output reg  [DATA_WIDTH/8-1:0] m_axis_tkeep,
    output reg                     m_axis_tvalid,
    output reg                     m_axis_tlast,
    input  wire                    m_axis_tready
);
    // The skid register holds a beat accepted while the master side was stalled.
    reg [DATA_WIDTH-1:0]   skid_tdata;
    reg [DATA_WIDTH/8-1:0] skid_tkeep;
    reg                    skid_tlast;
    reg                    skid_valid;

    assign s_axis_tready = !skid_valid;
    wire accept = s_axis_tvalid && s_axis_tready;
    wire output_free = !m_axis_tvalid || m_axis_tready;

    always @(posedge clk) begin
        if (rst) begin
            m_axis_tvalid <= 1'b0;
            skid_valid    <= 1'b0;
        end else begin
            if (output_free) begin
                if (skid_valid) begin  // (no beat is accepted now: tready is low)
                    m_axis_tdata  <= skid_tdata;
                    m_axis_tkeep  <= skid_tkeep;
                    m_axis_tlast  <= skid_tlast;
                    m_axis_tvalid <= 1'b1;
                    skid_valid    <= 1'b0;
                end else begin
                    m_axis_tdata  <= s_axis_tdata;
                    m_axis_tkeep  <= s_axis_tkeep;
                    m_axis_tlast  <= s_axis_tlast;
                    m_axis_tvalid <= accept;
                end
            end else if (accept) begin
                skid_tdata <= s_axis_tdata;
                skid_tkeep <= s_axis_tkeep;
                skid_tlast <= s_axis_tlast;
                skid_valid <= 1'b1;
            end
        end
    end
endmodule
