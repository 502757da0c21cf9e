package org.homanic.hdl;

import static org.homanic.hdl.Hdl.Bool;
import static org.homanic.hdl.Hdl.UInt;

/**
 * An AXI4-Lite interface with 32-bit data, as NIC shells expose their control window (manager's
 * view: fields flow to the subordinate, {@code @Flip} ones back). A register block takes it as
 * {@code input("s_axil", new AxiLite(addressBits))}.
 */
public final class AxiLite extends Bundle {
    public final UInt awaddr;
    public final Bool awvalid = Bool();
    @Flip public final Bool awready = Bool();
    public final UInt wdata = UInt(32);
    public final UInt wstrb = UInt(4);
    public final Bool wvalid = Bool();
    @Flip public final Bool wready = Bool();
    @Flip public final UInt bresp = UInt(2);
    @Flip public final Bool bvalid = Bool();
    public final Bool bready = Bool();
    public final UInt araddr;
    public final Bool arvalid = Bool();
    @Flip public final Bool arready = Bool();
    @Flip public final UInt rdata = UInt(32);
    @Flip public final UInt rresp = UInt(2);
    @Flip public final Bool rvalid = Bool();
    public final Bool rready = Bool();

    public AxiLite(int addressBits) {
        awaddr = UInt(addressBits);
        araddr = UInt(addressBits);
    }
}
