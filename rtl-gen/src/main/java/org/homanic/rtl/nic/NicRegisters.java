package org.homanic.rtl.nic;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.rtl.classifier.ClassifierRegisters;
import org.homanic.rtl.classifier.ClassifierRegisters.Access;
import org.homanic.rtl.classifier.ClassifierRegisters.Register;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NIC's one AXI4-Lite register map: the classifier's map ({@link ClassifierRegisters},
 * unchanged offsets) plus the grant scheduler's knobs, the GRANT builder's addresses and the
 * scheduler's counters. The hardware ({@link HomaNic}'s CSR block), the table in
 * {@code docs/nic.md}, the C header {@code homa_nic_regs.h} and the Java constants
 * {@link NicRegs} are all generated from {@link #ALL} ({@code NicRegistersTest} checks the copies).
 */
public final class NicRegisters {
    private NicRegisters() {}

    public static final int SCHED_CONFIG_BASE = 0x300;
    public static final int SCHED_COUNTER_BASE = 0x380;
    public static final List<Register> ALL;
    public static final List<Register> CONFIG;
    /** The scheduler's counters and status, in map order (after the classifier's counters). */
    public static final List<Register> SCHED_COUNTERS;

    static {
        GrantConfig d = GrantConfig.defaults();
        List<Register> cfg = new ArrayList<>();
        int a = SCHED_CONFIG_BASE;
        cfg.add(new Register("sched_max_overcommit", a, Access.RW, d.maxOvercommit(), "messages granted at once, 1..8 (larger acts as 8)"));
        cfg.add(new Register("sched_max_incoming", a + 0x04, Access.RW, d.maxIncoming(), "cap on granted-but-unreceived bytes over all messages"));
        cfg.add(new Register("sched_window", a + 0x08, Access.RW, d.window(), "fixed per-message window in bytes; 0 = dynamic (max_incoming / (active + 1))"));
        cfg.add(new Register("sched_grant_fifo_fraction", a + 0x0C, Access.RW, d.grantFifoFraction(), "thousandths of the link for FIFO grants (bits 9..0, capped at 500); 0 disables"));
        cfg.add(new Register("sched_fifo_grant_increment", a + 0x10, Access.RW, d.fifoGrantIncrement(), "bytes per FIFO grant (bits 19..0); 0 disables"));
        cfg.add(new Register("sched_link_mbps", a + 0x14, Access.RW, d.linkMbps(), "link speed in Mbit/s for the FIFO grant interval (bits 19..0)"));
        cfg.add(new Register("sched_num_priorities", a + 0x18, Access.RW, d.numPriorities(), "priority levels in use, 2..8 (bits 3..0)"));
        cfg.add(new Register("sched_max_sched_prio", a + 0x1C, Access.RW, d.maxSchedPrio(), "highest level of scheduled packets (bits 2..0)"));
        cfg.add(new Register("own_mac_lo", a + 0x20, Access.RW, 0, "this NIC's MAC address bits 31..0 (GRANT source)"));
        cfg.add(new Register("own_mac_hi", a + 0x24, Access.RW, 0, "this NIC's MAC address bits 47..32 (bits 15..0)"));
        cfg.add(new Register("own_ipv4", a + 0x28, Access.RW, 0, "this NIC's IPv4 address (GRANT source of IPv4 messages)"));
        for (int i = 0; i < 4; i++) {
            cfg.add(new Register("own_ipv6_" + i, a + 0x2C + 4 * i, Access.RW, 0,
                    "this NIC's IPv6 address bits " + (32 * i + 31) + ".." + (32 * i) + " (GRANT source of IPv6 messages)"));
        }
        cfg.add(new Register("grant_mac_lo", a + 0x40, Access.RW, 0, "destination MAC of GRANT frames (the next hop) bits 31..0"));
        cfg.add(new Register("grant_mac_hi", a + 0x44, Access.RW, 0, "destination MAC of GRANT frames bits 47..32 (bits 15..0)"));
        cfg.add(new Register("sched_enable", a + 0x48, Access.RW, 1,
                "bit 0: DATA events go to the grant scheduler; 0: they are discarded and the host grants every message in software"));

        List<Register> counters = new ArrayList<>();
        String[][] c = {
                {"sched_events", "DATA events the scheduler accepted"},
                {"sched_commands", "host commands the scheduler accepted"},
                {"sched_grants", "GRANTs decided"},
                {"sched_fifo_grants", "of which FIFO grants"},
                {"sched_table_full", "new messages refused for a full table set (the host schedules them; each is also a notice)"},
                {"sched_needy", "grant attempts held back or cut by max_incoming"},
                {"sched_gap_refused", "DATA packets refused for lack of a reassembly gap"},
                {"sched_table_used", "message table entries in use now"},
                {"sched_active_high_water", "most messages ever holding an active slot"},
                {"sched_notices_dropped", "table-full notices lost because the notice FIFO was full"},
                {"sched_cfg_ready", "1 once the derived scheduler configuration is computed"},
        };
        for (int i = 0; i < c.length; i++) {
            counters.add(new Register(c[i][0], SCHED_COUNTER_BASE + 4 * i, Access.RO, 0, "scheduler: " + c[i][1]));
        }
        List<Register> all = new ArrayList<>(ClassifierRegisters.ALL);
        all.addAll(cfg);
        all.addAll(counters);
        List<Register> allCfg = new ArrayList<>(ClassifierRegisters.CONFIG);
        allCfg.addAll(cfg);
        ALL = List.copyOf(all);
        CONFIG = List.copyOf(allCfg);
        SCHED_COUNTERS = List.copyOf(counters);
    }

    public static int configIndex(String name) {
        return CONFIG.indexOf(named(name));
    }

    public static Register named(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no register " + name));
    }

    public static String markdown() {
        return ClassifierRegisters.markdown(ALL);
    }

    public static String cHeader() {
        return ClassifierRegisters.cHeader(ALL, NicRegisters.class.getName(), "HOMA_NIC_REGS_H", "HOMA_NIC_");
    }

    public static String javaConstants() {
        return ClassifierRegisters.javaConstants(ALL, "org.homanic.rtl.nic", "NicRegs", "the NIC's", "NicRegisters");
    }

    public static final String C_HEADER = "rtl-gen/src/main/c/homa_nic_regs.h";
    public static final String JAVA_CONSTANTS = "rtl-gen/src/main/java/org/homanic/rtl/nic/NicRegs.java";
    public static final String DOC = "docs/nic.md";

    /** Writes the register map's three generated forms into {@code dir} (used by {@code ./homa rtl}). */
    public static List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve("homa_nic_regs.md");
        Path h = dir.resolve("homa_nic_regs.h");
        Path java = dir.resolve("NicRegs.java");
        Files.writeString(md, "# HomaNic register map (AXI4-Lite, 32-bit registers)\n\n" + markdown());
        Files.writeString(h, cHeader());
        Files.writeString(java, javaConstants());
        return List.of(md, h, java);
    }

    /** Rewrites the C header and the Java constants under the repository root {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(root.resolve(C_HEADER), cHeader());
        Files.writeString(root.resolve(JAVA_CONSTANTS), javaConstants());
    }
}
