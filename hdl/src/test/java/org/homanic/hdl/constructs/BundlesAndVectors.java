package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.Flip;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;

/**
 * A bundle with a flipped field, a vector of registers written and read by a dynamic index,
 * a vector of bundles read by index, and packing/unpacking of a bundle.
 */
public final class BundlesAndVectors extends Module {

    /** A request with a flipped acknowledgement, as a port. */
    public static final class Request extends Bundle {
        final UInt address = UInt(4);
        final UInt data = UInt(8);
        @Flip
        final Bool ack = Bool();
    }

    /** A header to pack into bits and back. */
    public static final class Header extends Bundle {
        final UInt kind = UInt(3);
        final UInt length = UInt(13);
    }

    final Request req = input(new Request());
    final Bool write = input(Bool());
    final UInt readIndex = input(UInt(2));
    final UInt readData = output(UInt(8));
    final UInt packedHeader = output(UInt(16));
    final UInt headerKind = output(UInt(3));
    final Vec<Header> headers = input(new Vec<>(3, i -> new Header()));
    final UInt pickedLength = output(UInt(13));

    public BundlesAndVectors() {
        Vec<UInt> regs = reg("regs", new Vec<>(4, i -> UInt(8)));
        comb(req.ack, write);
        when(write, () -> sync(regs.at(req.address.bits(1, 0)), req.data));
        comb(readData, regs.read(readIndex));

        Header h = wire("h", new Header());
        comb(h.kind, req.address.bits(2, 0));
        comb(h.length, cat(req.data, lit(0, 5)));
        comb(packedHeader, h.asBits());
        Header back = Bundle.unpack(new Header(), packedHeader);
        comb(headerKind, back.kind);
        comb(pickedLength, headers.read(readIndex).length);
        unused(req.address.bit(3));
        for (int i = 0; i < 3; i++) {
            unused(headers.get(i).kind);
        }
    }
}
