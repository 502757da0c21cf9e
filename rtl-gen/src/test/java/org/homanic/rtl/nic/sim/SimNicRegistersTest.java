package org.homanic.rtl.nic.sim;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.rtl.classifier.ClassifierRegisters;
import org.homanic.rtl.nic.NicParams;
import org.homanic.rtl.nic.NicRegs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Verilated NIC's one AXI4-Lite block: classifier and scheduler registers at their declared offsets. */
class SimNicRegistersTest {
    @Test
    void classifierAndSchedulerRegistersThroughOneBlock() {
        try (SimNic nic = new SimNic(NicParams.SIM, false, new SimNic.Listener() {})) {
            assertEquals(ClassifierRegisters.ID_VALUE, nic.read(NicRegs.ID));
            assertEquals(ClassifierRegisters.VERSION_VALUE, nic.read(NicRegs.VERSION));
            GrantConfig d = GrantConfig.defaults();
            assertEquals(d.maxIncoming(), nic.read(NicRegs.SCHED_MAX_INCOMING));
            assertEquals(d.maxOvercommit(), nic.read(NicRegs.SCHED_MAX_OVERCOMMIT));
            assertEquals(1, nic.read(NicRegs.SCHED_ENABLE));
            assertEquals(40_000, nic.read(NicRegs.UNSCHED_BYTES));
            nic.write(NicRegs.OWN_IPV4, 0x0A00_0001L);
            nic.write(NicRegs.SCHED_WINDOW, 12_345);
            assertEquals(0x0A00_0001L, nic.read(NicRegs.OWN_IPV4));
            assertEquals(12_345, nic.read(NicRegs.SCHED_WINDOW));
            assertEquals(0, nic.read(0xFFC), "unmapped");
            for (int i = 0; i < 600; i++) nic.cycle(true);
            assertEquals(1, nic.read(NicRegs.SCHED_CFG_READY), "the derived configuration is computed within 450 cycles");
            assertEquals(0, nic.read(NicRegs.SCHED_EVENTS));
            assertEquals(0, nic.read(NicRegs.RX_FRAMES));
        }
    }
}
