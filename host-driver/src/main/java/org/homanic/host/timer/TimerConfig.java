package org.homanic.host.timer;

/**
 * Retransmission and timeout knobs (spec 5), with HomaModule's defaults in {@link #defaults()}.
 *
 * @param tickNanos       timer period (1 ms)
 * @param resendTicks     silent ticks before the first RESEND (5)
 * @param resendInterval  ticks between RESENDs of one RPC (5)
 * @param timeoutTicks    silent ticks before an RPC is aborted with a timeout (100)
 * @param requestAckTicks ticks a server waits after sending its whole response before NEED_ACK (2)
 */
public record TimerConfig(long tickNanos, int resendTicks, int resendInterval, int timeoutTicks, int requestAckTicks) {
    public TimerConfig {
        if (tickNanos <= 0) throw new IllegalArgumentException("tick must be positive");
        if (resendTicks < 1 || resendInterval < 1) throw new IllegalArgumentException("resend ticks and interval must be at least 1");
        if (timeoutTicks <= resendTicks) throw new IllegalArgumentException("timeout must come after the first resend");
        if (requestAckTicks < 1) throw new IllegalArgumentException("request_ack_ticks must be at least 1");
    }

    public static TimerConfig defaults() {
        return new TimerConfig(1_000_000, 5, 5, 100, 2);
    }

    public TimerConfig withTimeoutTicks(int ticks) {
        return new TimerConfig(tickNanos, resendTicks, resendInterval, ticks, requestAckTicks);
    }

    public TimerConfig withResend(int firstAfter, int interval) {
        return new TimerConfig(tickNanos, firstAfter, interval, timeoutTicks, requestAckTicks);
    }
}
