package org.homanic.rtl.classifier;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated copies of the register map are current, and the map itself is well formed. */
class ClassifierRegistersTest {
    static final Path ROOT = Path.of("..");

    @Test
    void cHeaderIsCurrent() throws Exception {
        assertEquals(ClassifierRegisters.cHeader(), Files.readString(ROOT.resolve(ClassifierRegisters.C_HEADER)),
                "regenerate with ClassifierRegisters.main");
    }

    @Test
    void javaConstantsAreCurrent() throws Exception {
        assertEquals(ClassifierRegisters.javaConstants(), Files.readString(ROOT.resolve(ClassifierRegisters.JAVA_CONSTANTS)),
                "regenerate with ClassifierRegisters.main");
        assertEquals(ClassifierRegisters.named("rx_frames").offset(), ClassifierRegs.RX_FRAMES);
        assertEquals(ClassifierRegisters.named("tx_queue_full").offset(), ClassifierRegs.TX_QUEUE_FULL);
    }

    @Test
    void docsTableIsCurrent() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/classifier.md"));
        String begin = "<!-- registers:begin -->\n", end = "<!-- registers:end -->";
        int a = doc.indexOf(begin), b = doc.indexOf(end);
        assertTrue(a >= 0 && b > a, "docs/classifier.md has the register markers");
        assertEquals(ClassifierRegisters.markdown(), doc.substring(a + begin.length(), b));
    }

    @Test
    void offsetsAreUniqueAlignedAndInRange() {
        Set<Integer> seen = new HashSet<>();
        for (ClassifierRegisters.Register r : ClassifierRegisters.ALL) {
            assertTrue(seen.add(r.offset()), "duplicate offset " + r.offset());
            assertEquals(0, r.offset() % 4, r.name());
            assertTrue(r.offset() < 1 << ClassifierRegisters.ADDRESS_BITS, r.name());
        }
    }
}
