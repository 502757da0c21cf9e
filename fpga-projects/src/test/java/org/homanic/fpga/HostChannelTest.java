package org.homanic.fpga;

import org.homanic.hdl.Verilog;
import org.homanic.testbench.AxiLiteMaster;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The grant scheduler's host channel in Verilator: commands written as registers leave on
 * {@code m_cmd} with the fields written, in order; a full queue drops and counts; the head notice
 * reads back field by field and a write to {@code notice_pop} takes exactly that notice.
 */
class HostChannelTest {
    static final int CMD_PEER = 0x00, CMD_ID_LO = 0x04, CMD_ID_HI = 0x08, CMD_OP = 0x0C, NOTICE_STATUS = 0x10,
            NOTICE_PEER = 0x14, NOTICE_ID_LO = 0x18, NOTICE_ID_HI = 0x1C, NOTICE_POP = 0x20, CMD_DROPPED = 0x24;

    Simulator sim;
    int noticePops;

    void tick() {
        sim.eval();
        if (sim.port("s_notice_valid").isHigh() && sim.port("s_notice_ready").isHigh()) noticePops++;
        sim.tick();
    }

    AxiLiteMaster axil;

    long read(int address) {
        return axil.read(address);
    }

    void write(int address, long value) {
        axil.write(address, value);
    }

    void command(int op, long peer, long id) {
        write(CMD_PEER, peer);
        write(CMD_ID_LO, id & 0xFFFF_FFFFL);
        write(CMD_ID_HI, id >>> 32);
        write(CMD_OP, op);
    }

    @Test
    void commandsAndNoticesThroughRegisters() {
        Verilog.Design d = Verilog.emit(new HostChannel());
        Model model = Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
        try (Simulator s = model.newSimulator()) {
            sim = s;
            axil = new AxiLiteMaster(s, "s_axil", this::tick);
            sim.reset(2);
            sim.port("m_cmd_ready").set(false);

            // Commands queue in order with the fields written; the registers read back.
            command(2, 0x0A00_0001L, 0x1122_3344_5566_7788L);
            command(1, 0xC0A8_0102L, 0x0000_0000_0000_0043L);
            assertEquals(0xC0A8_0102L, read(CMD_PEER));
            assertEquals(0x43, read(CMD_ID_LO));
            assertEquals(0, read(CMD_OP), "cmd_op reads 0");
            assertEquals(0, read(0x7F0), "unmapped reads 0");
            long[][] expected = {{2, 0x0A00_0001L, 0x1122_3344_5566_7788L}, {1, 0xC0A8_0102L, 0x43}};
            sim.port("m_cmd_ready").set(true);
            int seen = 0;
            for (int i = 0; i < 20 && seen < 2; i++) {
                sim.eval();
                if (sim.port("m_cmd_valid").isHigh()) {
                    assertEquals(expected[seen][0], sim.port("m_cmd_payload_op").get(), "op of command " + seen);
                    assertEquals(expected[seen][1], sim.port("m_cmd_payload_peer").get(), "peer of command " + seen);
                    assertEquals(expected[seen][2], sim.port("m_cmd_payload_id").get(), "id of command " + seen);
                    seen++;
                }
                tick();
            }
            assertEquals(2, seen);
            for (int i = 0; i < 5; i++) {
                sim.eval();
                assertFalse(sim.port("m_cmd_valid").isHigh(), "exactly the two commands written");
                tick();
            }

            // A full queue drops and counts: it holds COMMAND_DEPTH words plus the one at its output.
            sim.port("m_cmd_ready").set(false);
            for (int i = 0; i < HostChannel.COMMAND_DEPTH + 3; i++) write(CMD_OP, 2);
            assertEquals(2, read(CMD_DROPPED));
            sim.port("m_cmd_ready").set(true);
            int drained = 0;
            for (int i = 0; i < 60; i++) {
                sim.eval();
                if (sim.port("m_cmd_valid").isHigh()) drained++;
                tick();
            }
            assertEquals(HostChannel.COMMAND_DEPTH + 1, drained);

            // Notices: none waits, then one; its fields read back; a pop takes exactly it.
            assertEquals(0, read(NOTICE_STATUS) & 1);
            sim.port("s_notice_payload_kind").set(1);
            sim.port("s_notice_payload_peer").set(0x0A00_0002L);
            sim.port("s_notice_payload_id").set(0xDEAD_BEEF_0000_0010L);
            sim.port("s_notice_valid").set(true);
            assertEquals(0b011, read(NOTICE_STATUS));
            assertEquals(0x0A00_0002L, read(NOTICE_PEER));
            assertEquals(0x0000_0010L, read(NOTICE_ID_LO));
            assertEquals(0xDEAD_BEEFL, read(NOTICE_ID_HI));
            assertEquals(0, noticePops, "reads do not pop");
            write(NOTICE_POP, 0);
            assertEquals(1, noticePops, "one write, one pop");
        }
    }
}
