package org.homanic.rtl.classifier;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.Flip;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.Bool;
import static org.homanic.hdl.Hdl.UInt;

/** An AXI4-Lite interface (manager's view: fields flow to the subordinate, {@code @Flip} ones back). */
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
