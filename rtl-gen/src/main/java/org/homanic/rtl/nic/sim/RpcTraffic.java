package org.homanic.rtl.nic.sim;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;
import org.homanic.protocol.workload.PoissonArrivals;
import org.homanic.protocol.workload.Workload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Open-loop RPC traffic on a {@link SimNetwork}: every host is a client whose requests arrive as
 * a Poisson process (sizes from the workload, offered load = {@code load} × link rate of request
 * bytes) to a random other host, and a server that answers each request with
 * {@link #REPLY_BYTES} bytes: the request's length and FNV-1a hash. The client checks the reply
 * against what it sent (so the request arrived byte for byte), and that each RPC completes
 * exactly once.
 */
public final class RpcTraffic {
    public static final int SERVER_PORT = 4000;
    public static final int REPLY_BYTES = 16;

    /** One completed RPC: request size and latency (arrival of the request to the reply's delivery). */
    public record Completed(long size, long latencyNanos) {}

    private record Pending(long size, long hash, long startNanos) {}

    private final SimNetwork net;
    private final long messages;
    private final HomaSocket[] clients;
    private final HomaSocket[] servers;
    private final PoissonArrivals[] arrivals;
    private final PoissonArrivals.Arrival[] next;
    private final SplittableRandom[] random;
    private final List<Map<Long, Pending>> outstanding = new ArrayList<>();
    private final List<Completed> completed = new ArrayList<>();
    private long issued;
    private long failed;
    private long duplicates;
    private long corrupt;
    private long requestBytesDone;
    private String firstError;

    public RpcTraffic(SimNetwork net, Workload workload, double load, long messages, long seed) {
        if (messages < 1) throw new IllegalArgumentException("messages must be at least 1");
        this.net = net;
        this.messages = messages;
        int n = net.hosts().size();
        clients = new HomaSocket[n];
        servers = new HomaSocket[n];
        arrivals = new PoissonArrivals[n];
        next = new PoissonArrivals.Arrival[n];
        random = new SplittableRandom[n];
        Workload w = workload.cappedForHoma();
        for (int h = 0; h < n; h++) {
            servers[h] = net.host(h).stack.bind(SERVER_PORT);
            clients[h] = net.host(h).stack.openSocket();
            arrivals[h] = new PoissonArrivals(w, load, net.config().linkGbps(), seed * 1_000_003L + h);
            random[h] = new SplittableRandom(seed ^ (0x9E37_79B9_7F4A_7C15L * (h + 1)));
            outstanding.add(new HashMap<>());
        }
    }

    /** Starts at {@code startNanos}: arrival times count from there. */
    public void start(long startNanos) {
        for (int h = 0; h < next.length; h++) {
            PoissonArrivals.Arrival a = arrivals[h].next();
            next[h] = new PoissonArrivals.Arrival(a.timeNanos() + startNanos, a.length());
        }
        this.startOffset = startNanos;
    }

    private long startOffset;

    /** Called every host round: issues due requests, serves requests, collects replies. Returns true when all are done. */
    public boolean poll() {
        long now = net.nanos();
        for (int h = 0; h < next.length; h++) {
            while (issued < messages && next[h] != null && next[h].timeNanos() <= now) {
                issue(h, next[h]);
                PoissonArrivals.Arrival a = arrivals[h].next();
                next[h] = new PoissonArrivals.Arrival(a.timeNanos() + startOffset, a.length());
            }
            serve(h);
            collect(h, now);
        }
        return issued == messages && completed.size() + failed == messages;
    }

    private void issue(int h, PoissonArrivals.Arrival a) {
        int n = next.length;
        int dst = random[h].nextInt(n - 1);
        if (dst >= h) dst++;
        byte[] payload = new byte[(int) Math.max(1, a.length())];
        random[h].nextBytes(payload);
        long id = clients[h].send(new HomaAddress(dst, SERVER_PORT), payload, issued);
        outstanding.get(h).put(id, new Pending(payload.length, fnv(payload), a.timeNanos()));
        issued++;
    }

    private void serve(int h) {
        HomaMessage req;
        while ((req = servers[h].poll()) != null) {
            byte[] b = req.toByteArray();
            byte[] reply = ByteBuffer.allocate(REPLY_BYTES).putLong(b.length).putLong(fnv(b)).array();
            servers[h].reply(req, reply);
            req.release();
        }
    }

    private void collect(int h, long now) {
        while (true) {
            HomaMessage resp;
            try {
                resp = clients[h].poll();
            } catch (HomaRpcException e) {
                failed++;
                outstanding.get(h).remove(e.rpcId());
                if (firstError == null) firstError = "host " + h + " RPC " + e.rpcId() + ": " + e.getMessage();
                continue;
            }
            if (resp == null) return;
            Pending p = outstanding.get(h).remove(resp.id());
            byte[] b = resp.toByteArray();
            resp.release();
            if (p == null) {
                duplicates++;
                if (firstError == null) firstError = "host " + h + " RPC " + resp.id() + " completed twice";
                continue;
            }
            ByteBuffer bb = ByteBuffer.wrap(b);
            if (b.length != REPLY_BYTES || bb.getLong() != p.size() || bb.getLong() != p.hash()) {
                corrupt++;
                if (firstError == null) firstError = "host " + h + " RPC " + resp.id() + ": the server saw other bytes than were sent";
            }
            requestBytesDone += p.size();
            completed.add(new Completed(p.size(), now - p.startNanos()));
        }
    }

    /** 64-bit FNV-1a. */
    static long fnv(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    public long issued() { return issued; }
    public long failed() { return failed; }
    public long duplicates() { return duplicates; }
    public long corrupt() { return corrupt; }
    public long outstanding() { return outstanding.stream().mapToLong(Map::size).sum(); }
    public long requestBytesDone() { return requestBytesDone; }
    public List<Completed> completed() { return completed; }
    public String firstError() { return firstError; }
}
