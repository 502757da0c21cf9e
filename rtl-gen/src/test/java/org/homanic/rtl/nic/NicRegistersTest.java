package org.homanic.rtl.nic;

import org.homanic.rtl.classifier.ClassifierRegisters;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NIC's generated register-map copies are current; the map extends the classifier's unchanged. */
class NicRegistersTest {
    static final Path ROOT = Path.of("..");

    @Test
    void cHeaderIsCurrent() throws Exception {
        assertEquals(NicRegisters.cHeader(), Files.readString(ROOT.resolve(NicRegisters.C_HEADER)), "regenerate with NicRegisters.main");
    }

    @Test
    void javaConstantsAreCurrent() throws Exception {
        assertEquals(NicRegisters.javaConstants(), Files.readString(ROOT.resolve(NicRegisters.JAVA_CONSTANTS)),
                "regenerate with NicRegisters.main");
        assertEquals(0x380, NicRegs.SCHED_EVENTS);
        assertEquals(0x300, NicRegs.SCHED_MAX_OVERCOMMIT);
    }

    @Test
    void docsTableIsCurrent() throws Exception {
        String doc = Files.readString(ROOT.resolve(NicRegisters.DOC));
        String begin = "<!-- registers:begin -->\n", end = "<!-- registers:end -->";
        int a = doc.indexOf(begin), b = doc.indexOf(end);
        assertTrue(a >= 0 && b > a, "docs/nic.md has the register markers");
        assertEquals(NicRegisters.markdown(), doc.substring(a + begin.length(), b));
    }

    @Test
    void classifierRegistersKeepTheirOffsetsAndNothingOverlaps() {
        for (ClassifierRegisters.Register r : ClassifierRegisters.ALL) assertEquals(r, NicRegisters.named(r.name()));
        Set<Integer> seen = new HashSet<>();
        for (ClassifierRegisters.Register r : NicRegisters.ALL) {
            assertTrue(seen.add(r.offset()), "duplicate offset " + r.offset());
            assertEquals(0, r.offset() % 4, r.name());
            assertTrue(r.offset() < 1 << ClassifierRegisters.ADDRESS_BITS, r.name());
        }
    }
}
