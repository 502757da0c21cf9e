package org.homanic.host.board;

/** The PCI device (or the BAR asked for) is not there: no card, wrong address, or no bitstream loaded. */
public final class DeviceNotFoundException extends RuntimeException {
    public DeviceNotFoundException(String message) {
        super(message);
    }
}
