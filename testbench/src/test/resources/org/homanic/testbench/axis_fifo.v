// A synchronous AXI-Stream FIFO of DEPTH beats (a power of two), DATA_WIDTH bits wide, with
// tkeep and tlast: the design the AXI-Stream source, sink and scoreboard are tested on.
module axis_fifo #(
    parameter DATA_WIDTH = 64,
    parameter DEPTH_LOG2 = 3
) (
    input  wire                    clk,
    input  wire                    rst,
    input  wire [DATA_WIDTH-1:0]   s_axis_tdata,
    input  wire [DATA_WIDTH/8-1:0] s_axis_tkeep,
    input  wire                    s_axis_tvalid,
    input  wire                    s_axis_tlast,
    output wire                    s_axis_tready,
    output wire [DATA_WIDTH-1:0]   m_axis_tdata,
    output wire [DATA_WIDTH/8-1:0] m_axis_tkeep,
    output wire                    m_axis_tvalid,
    output wire                    m_axis_tlast,
    input  wire                    m_axis_tready
);
    localparam DEPTH = 1 << DEPTH_LOG2;
    localparam ENTRY = DATA_WIDTH + DATA_WIDTH / 8 + 1;

    reg [ENTRY-1:0]    mem [0:DEPTH-1];
    reg [DEPTH_LOG2:0] wr_ptr, rd_ptr;  // one extra bit tells full from empty

    wire empty = wr_ptr == rd_ptr;
    wire full  = wr_ptr == {~rd_ptr[DEPTH_LOG2], rd_ptr[DEPTH_LOG2-1:0]};

    assign s_axis_tready = !full;
    assign m_axis_tvalid = !empty;
    assign {m_axis_tlast, m_axis_tkeep, m_axis_tdata} = mem[rd_ptr[DEPTH_LOG2-1:0]];

    always @(posedge clk) begin
        if (rst) begin
            wr_ptr <= 0;
            rd_ptr <= 0;
        end else begin
            if (s_axis_tvalid && s_axis_tready) begin
                mem[wr_ptr[DEPTH_LOG2-1:0]] <= {s_axis_tlast, s_axis_tkeep, s_axis_tdata};
                wr_ptr <= wr_ptr + 1'b1;
            end
            if (m_axis_tvalid && m_axis_tready) rd_ptr <= rd_ptr + 1'b1;
        end
    end
endmodule
