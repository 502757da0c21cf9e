package org.homanic.hdl;

/**
 * A clock and its synchronous, active-high reset. Every module has the default domain
 * {@value #DEFAULT} (ports {@code clk} and {@code rst}) as soon as it uses one; other domains
 * get ports {@code <name>_clk} and {@code <name>_rst}.
 */
public final class ClockDomain {
    public static final String DEFAULT = "sync";

    private final String name;
    private final Module owner;
    private final Signal clock;
    private final Signal reset;

    ClockDomain(String name, Module owner, Signal clock, Signal reset) {
        this.name = name;
        this.owner = owner;
        this.clock = clock;
        this.reset = reset;
    }

    public String name() {
        return name;
    }

    public Module owner() {
        return owner;
    }

    public Signal clock() {
        return clock;
    }

    public Signal reset() {
        return reset;
    }

    static String clockName(String domain) {
        return DEFAULT.equals(domain) ? "clk" : domain + "_clk";
    }

    static String resetName(String domain) {
        return DEFAULT.equals(domain) ? "rst" : domain + "_rst";
    }

    @Override
    public String toString() {
        return "domain '" + name + "'";
    }
}
