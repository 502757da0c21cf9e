package org.homanic.cli;

import org.homanic.host.datapath.linux.LinuxDatapathConfig;
import org.homanic.host.datapath.linux.RawIpDatapath;
import org.homanic.host.datapath.linux.SocketDatapath;
import org.homanic.host.datapath.linux.SyscallException;
import org.homanic.host.datapath.linux.UdpDatapath;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code --datapath} choice of serve, call and bench rpc, and how each opens its socket.
 * Over UDP a Homa host is an address and a UDP port (by default the Homa server port, so
 * {@code HOST:PORT} names both); over raw IP it is an address alone.
 */
enum Transport {
    udp, raw;

    /** Opens the server's datapath on {@code bind}, UDP port {@code udpPort} (ignored for raw). */
    SocketDatapath openServer(InetAddress bind, int udpPort) {
        return open(bind, udpPort);
    }

    /**
     * Opens a client's datapath for talking to {@code server}. Over raw IP two stacks on one
     * machine need two addresses (each owns the Homa packets sent to its address, as a kernel
     * does), so with no {@code --bind} a client of an IPv4 loopback server takes another
     * loopback address; elsewhere it binds the wildcard.
     */
    SocketDatapath openClient(InetAddress server, InetAddress bind) {
        if (bind == null) bind = defaultClientBind(server);
        return open(bind, 0);
    }

    InetAddress defaultClientBind(InetAddress server) {
        try {
            if (this == raw && server instanceof Inet4Address && server.isLoopbackAddress()) {
                return InetAddress.getByName(server.getHostAddress().equals("127.0.0.2") ? "127.0.0.3" : "127.0.0.2");
            }
            return InetAddress.getByName(server instanceof Inet4Address ? "0.0.0.0" : "::");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The peer number of the server within {@code datapath}. */
    long serverPeer(SocketDatapath datapath, InetAddress server, int udpPort) {
        return datapath.peer(new InetSocketAddress(server, this == udp ? udpPort : 0));
    }

    private SocketDatapath open(InetAddress bind, int udpPort) {
        try {
            return this == udp ? UdpDatapath.open(new InetSocketAddress(bind, udpPort), LinuxDatapathConfig.defaults())
                    : RawIpDatapath.open(bind, LinuxDatapathConfig.defaults());
        } catch (SyscallException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CliException("cannot resolve host '" + host + "'");
        }
    }
}
