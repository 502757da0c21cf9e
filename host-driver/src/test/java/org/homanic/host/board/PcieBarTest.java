package org.homanic.host.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The BAR window without a card: a missing device or BAR is a clear error, and a regular file of
 * a BAR's size stands in for the sysfs resource file, so the mapping and the register accesses
 * are checked against the file's bytes.
 */
class PcieBarTest {
    private static final String MAP = """
            {"addressBits": 13, "registers": [
              {"name": "id", "offset": 0, "access": "RO", "reset": 1213156675, "description": "constant"},
              {"name": "priority_map", "offset": 16, "access": "RW", "reset": 16434824, "description": "levels"},
              {"name": "sched_enable", "offset": 840, "access": "RW", "reset": 1, "description": "scheduler on"},
              {"name": "cmd_peer", "offset": 4096, "access": "RW", "reset": 0, "description": "c"},
              {"name": "cmd_id_lo", "offset": 4100, "access": "RW", "reset": 0, "description": "c"},
              {"name": "cmd_id_hi", "offset": 4104, "access": "RW", "reset": 0, "description": "c"},
              {"name": "cmd_op", "offset": 4108, "access": "RW", "reset": 0, "description": "c"},
              {"name": "notice_status", "offset": 4112, "access": "RO", "reset": 0, "description": "n"},
              {"name": "notice_peer", "offset": 4116, "access": "RO", "reset": 0, "description": "n"},
              {"name": "notice_id_lo", "offset": 4120, "access": "RO", "reset": 0, "description": "n"},
              {"name": "notice_id_hi", "offset": 4124, "access": "RO", "reset": 0, "description": "n"},
              {"name": "notice_pop", "offset": 4128, "access": "RW", "reset": 0, "description": "n"}
            ]}
            """;

    @Test
    void anAbsentDeviceSaysSo(@TempDir Path sysfs) {
        DeviceNotFoundException e = assertThrows(DeviceNotFoundException.class, () -> PcieBar.open(sysfs, "0000:81:00.0", 2));
        assertTrue(e.getMessage().contains("no PCI device 0000:81:00.0"), e.getMessage());
        assertTrue(e.getMessage().contains("lspci"), e.getMessage());
    }

    @Test
    void aDeviceWithoutTheBarSaysSo(@TempDir Path sysfs) throws IOException {
        Files.createDirectories(sysfs.resolve("0000:81:00.0"));
        Files.write(sysfs.resolve("0000:81:00.0/resource0"), new byte[4096]);
        DeviceNotFoundException e = assertThrows(DeviceNotFoundException.class, () -> PcieBar.open(sysfs, "0000:81:00.0", 2));
        assertTrue(e.getMessage().contains("has no BAR 2"), e.getMessage());
    }

    @Test
    void badAddressesAndBarsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PcieBar.open("81:00.0", 2));
        assertThrows(IllegalArgumentException.class, () -> PcieBar.open("0000:81:00.0", 6));
    }

    @Test
    void registersReadAndWriteTheMappedBytesLittleEndian(@TempDir Path sysfs) throws IOException {
        Path dev = Files.createDirectories(sysfs.resolve("0000:3b:00.0"));
        Path resource = dev.resolve("resource2");
        byte[] initial = new byte[1 << 16];
        ByteBuffer.wrap(initial).order(ByteOrder.LITTLE_ENDIAN).putInt(0x100, 0x484F4D43);
        Files.write(resource, initial);
        Path mapJson = Files.writeString(sysfs.resolve("register-map.json"), MAP);
        RegisterMap map = RegisterMap.load(mapJson);

        try (PcieBar bar = PcieBar.open(sysfs, "0000:3b:00.0", 2)) {
            assertEquals(1 << 16, bar.size());
            NicBar nic = new NicBar(bar, 0x100, map);
            assertEquals(0x484F4D43, nic.read("id"));
            nic.write("priority_map", 0x00FAC688);
            nic.write("sched_enable", 0);
            bar.write32(0xFFFC, 0xA5A5_0001);
            assertEquals(0xA5A5_0001, bar.read32(0xFFFC));
            assertThrows(IllegalArgumentException.class, () -> nic.write("id", 1), "id is read-only");
            assertThrows(IllegalArgumentException.class, () -> nic.read("no_such_register"));
            assertThrows(IllegalArgumentException.class, () -> bar.read32(0x10002), "misaligned");
            assertThrows(IllegalArgumentException.class, () -> bar.read32(1 << 16), "past the BAR");
            assertThrows(IllegalArgumentException.class, () -> new NicBar(bar, 0xF000, map), "window past the BAR");

            // The host channel: a command is four writes, the op last; a notice is read field by field.
            nic.command(NicBar.OP_MESSAGE_ENDED, 0x0A000001, 0x1122334455667788L);
            assertThrows(IllegalArgumentException.class, () -> nic.command(3, 1, 1));
            assertNull(nic.pollNotice(), "status bit 0 clear: no notice");
            bar.write32(0x100 + 4112, 0b011);
            bar.write32(0x100 + 4116, 0x0A000002);
            bar.write32(0x100 + 4120, 0x10);
            bar.write32(0x100 + 4124, 0xDEADBEEF);
            assertEquals(new NicBar.Notice(1, 0x0A000002, 0xDEADBEEF_00000010L), nic.pollNotice());
        }
        ByteBuffer after = ByteBuffer.wrap(Files.readAllBytes(resource)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x00FAC688, after.getInt(0x100 + 16));
        assertEquals(0, after.getInt(0x100 + 840));
        assertEquals((byte) 0x01, after.get(0xFFFC), "little-endian: low byte first");
        assertEquals(0xA5A5_0001, after.getInt(0xFFFC));
        assertEquals(0x484F4D43, after.getInt(0x100), "reads leave the bytes alone");
        assertEquals(0x0A000001, after.getInt(0x100 + 4096));
        assertEquals(0x55667788, after.getInt(0x100 + 4100));
        assertEquals(0x11223344, after.getInt(0x100 + 4104));
        assertEquals(2, after.getInt(0x100 + 4108));
    }
}
