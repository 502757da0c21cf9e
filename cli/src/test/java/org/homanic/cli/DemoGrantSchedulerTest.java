package org.homanic.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's W4 run through the Verilated grant scheduler, next to the reference scheduler. */
class DemoGrantSchedulerTest {
    @Test
    void w4StreamGivesTheReferenceGrantsAndATable() throws Exception {
        DemoGrantScheduler.Result r = DemoGrantScheduler.run(1_500, 4);
        assertTrue(r.ok(), "first mismatch: " + r.run().firstMismatch());
        assertTrue(r.run().grants() > 0, "a W4 stream of 1,500 events gives GRANTs");
        assertEquals(Math.min(DemoGrantScheduler.SHOWN, r.run().grants()), r.rows().size());
        List<String> table = DemoGrantScheduler.table(r);
        assertEquals(r.rows().size() + 1, table.size());
        for (String row : table.subList(1, table.size())) {
            assertTrue(row.endsWith("="), "hardware and reference differ in the table: " + row);
        }
    }
}
