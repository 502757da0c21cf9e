package org.homanic.host.api;

/**
 * A Homa endpoint: a host as the datapath names it, and a 16-bit port (1..32767 server ports,
 * 32768..65535 client ports).
 */
public record HomaAddress(long host, int port) {
    public HomaAddress {
        if (port <= 0 || port > 0xFFFF) throw new IllegalArgumentException("port " + port + " outside 1..65535");
    }

    @Override
    public String toString() {
        return "host" + host + ":" + port;
    }
}
