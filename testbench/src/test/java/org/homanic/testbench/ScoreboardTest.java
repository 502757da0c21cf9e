package org.homanic.testbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreboardTest {
    @Test
    void reportsAnItemNobodyExpected() {
        Scoreboard<Integer> s = new Scoreboard<>("out");
        s.expect(1);
        s.actual(1, 10);
        AssertionError e = assertThrows(AssertionError.class, () -> s.actual(2, 11));
        assertTrue(e.getMessage().contains("unexpected item #1 at cycle 11"), e.getMessage());
    }

    @Test
    void reportsItemsThatNeverArrived() {
        Scoreboard<Integer> s = new Scoreboard<>("out");
        s.expect(1);
        s.expect(2);
        s.actual(1, 3);
        assertEquals(1, s.pending());
        AssertionError e = assertThrows(AssertionError.class, s::assertDrained);
        assertTrue(e.getMessage().contains("1 expected item(s) never arrived"), e.getMessage());
    }

    @Test
    void customComparisonAndDescription() {
        Scoreboard<String> s = new Scoreboard<>("names", String::equalsIgnoreCase, v -> "<" + v + ">");
        s.expect("Homa");
        s.actual("HOMA", 1);
        s.expect("grant");
        AssertionError e = assertThrows(AssertionError.class, () -> s.actual("resend", 7));
        assertTrue(e.getMessage().contains("expected: <grant>"), e.getMessage());
        assertTrue(e.getMessage().contains("actual:   <resend>"), e.getMessage());
    }
}
