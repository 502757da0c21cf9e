package org.homanic.hdl;

/**
 * An AXI4-Stream interface with the signal names FPGA NIC shells use: {@code tdata},
 * {@code tkeep} (one bit per byte), {@code tvalid}, {@code tready}, {@code tlast}, {@code tuser}.
 */
public final class Axis extends Bundle {
    public final UInt tdata;
    public final UInt tkeep;
    public final Bool tvalid;
    @Flip
    public final Bool tready;
    public final Bool tlast;
    public final UInt tuser;
    private final int dataWidth;
    private final int userWidth;

    /** {@code dataWidth} a multiple of 8; {@code userWidth} at least 1. */
    public Axis(int dataWidth, int userWidth) {
        if (dataWidth < 8 || dataWidth % 8 != 0) {
            throw new HdlException(SourceLocation.here(), "AXI-Stream tdata width must be a multiple of 8, not " + dataWidth);
        }
        this.dataWidth = dataWidth;
        this.userWidth = userWidth;
        tdata = Hdl.UInt(dataWidth);
        tkeep = Hdl.UInt(dataWidth / 8);
        tvalid = Hdl.Bool();
        tready = Hdl.Bool();
        tlast = Hdl.Bool();
        tuser = Hdl.UInt(userWidth);
    }

    public int dataWidth() {
        return dataWidth;
    }

    public int userWidth() {
        return userWidth;
    }

    /** The payload of one AXI-Stream beat (everything but the handshake). */
    public static final class Beat extends Bundle {
        public final UInt data;
        public final UInt keep;
        public final Bool last;
        public final UInt user;

        public Beat(int dataWidth, int userWidth) {
            this(Hdl.UInt(dataWidth), Hdl.UInt(dataWidth / 8), Hdl.Bool(), Hdl.UInt(userWidth));
        }

        Beat(UInt data, UInt keep, Bool last, UInt user) {
            this.data = data;
            this.keep = keep;
            this.last = last;
            this.user = user;
        }
    }

    /** This interface as a {@code Stream<Beat>} over the same signals, for the stream library. */
    public Stream<Beat> asStream() {
        int dw = dataWidth;
        int uw = userWidth;
        return Stream.view(tvalid, tready, new Beat(tdata, tkeep, tlast, tuser), () -> new Beat(dw, uw));
    }
}
