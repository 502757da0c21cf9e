package org.homanic.cli;

import org.homanic.host.HostConfig;
import org.homanic.host.timer.TimerConfig;
import picocli.CommandLine;

/** The {@code --timeout-ms} option of serve and call: how long a silent peer is given before its RPCs fail. */
final class RpcTimeout {
    @CommandLine.Option(names = "--timeout-ms", paramLabel = "MS",
            description = "Abort an RPC after its peer was silent this long (default 100, HomaModule's 100 ticks of 1 ms). "
                    + "A JVM on a busy machine can stall longer than that; raise it there.")
    Integer timeoutMillis;

    HostConfig config(CommandLine cl) {
        HostConfig c = HostConfig.defaults();
        if (timeoutMillis == null) return c;
        TimerConfig t = c.timers();
        long ticks = timeoutMillis * 1_000_000L / t.tickNanos();
        if (timeoutMillis < 10 || ticks > 1_000_000) throw new CommandLine.ParameterException(cl, "--timeout-ms must be 10..1000000, not " + timeoutMillis);
        return c.withTimers(t.withTimeoutTicks((int) ticks));
    }
}
