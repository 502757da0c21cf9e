package org.homanic.testbench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** $finish, $stop, $fatal and failed assertions become Java exceptions, and the JVM carries on. */
class SimulationEventsTest {
    private static final int AT = 37;
    private static Model model;
    private static Simulator sim;
    private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void load() {
        model = Model.load(VerilogDesign.fromResources("finisher", SimulationEventsTest.class, "finisher.v"));
    }

    private Simulator start(int mode) {
        printed.reset();
        sim = model.newSimulator().output(new PrintStream(printed, true, StandardCharsets.UTF_8));
        sim.port("mode").set(mode);
        sim.port("at").set(AT);
        return sim;
    }

    @AfterAll
    static void closeLast() {
        if (sim != null) sim.close();
    }

    /** The line of finisher.v that contains {@code text}, counting from 1. */
    private static int lineOf(String text) {
        List<String> lines = model.design().files().get("finisher.v").lines().toList();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError("finisher.v has no line with " + text);
    }

    private static <T extends SimulationException> T runUntilEvent(Simulator s, Class<T> type) {
        T e = assertThrows(type, () -> s.step(1000));
        // The event comes at the rising edge of the cycle in which count == AT: AT full cycles
        // before it, one time unit after the cycle's start (each cycle is 10 units).
        assertEquals(AT, e.cycle(), "cycle");
        assertEquals(10L * AT + 1, e.simTime(), "time");
        assertEquals("finisher.v", e.sourceFile());
        assertEquals(AT, s.port("count").get() - 1, "the cycle of the event completed its edge");
        return e;
    }

    @Test
    void finishEndsTheStepEarlyWithItsTimeAndPlace() {
        try (Simulator s = start(0)) {
            SimulationFinishedException e = runUntilEvent(s, SimulationFinishedException.class);
            assertEquals(lineOf("2'd0: $finish;"), e.sourceLine());
            assertTrue(new String(printed.toByteArray(), StandardCharsets.UTF_8)
                    .contains("finisher: about to end at count 37"), "the design's $display reached Java");
            assertEquals(e, s.endedBy().orElseThrow());
        }
    }

    @Test
    void stopIsAnException() {
        try (Simulator s = start(1)) {
            SimulationStoppedException e = runUntilEvent(s, SimulationStoppedException.class);
            assertEquals(lineOf("2'd1: $stop;"), e.sourceLine());
            assertEquals("$stop", e.detail());
        }
    }

    @Test
    void fatalCarriesTheDesignsMessage() {
        try (Simulator s = start(2)) {
            SimulationStoppedException e = runUntilEvent(s, SimulationStoppedException.class);
            assertTrue(e.getMessage().contains("finisher: fatal at count 37"), e.getMessage());
        }
    }

    @Test
    void failedAssertionCarriesTheDesignsMessage() {
        try (Simulator s = start(3)) {
            SimulationStoppedException e = runUntilEvent(s, SimulationStoppedException.class);
            assertTrue(e.getMessage().contains("assertion failed at count 37"), e.getMessage());
        }
    }

    @Test
    void anEndedSimulationRefusesToRunButKeepsItsState() {
        try (Simulator s = start(2)) {
            assertThrows(SimulationStoppedException.class, () -> s.step(1000));
            IllegalStateException again = assertThrows(IllegalStateException.class, s::tick);
            assertTrue(again.getMessage().contains("already ended"), again.getMessage());
            assertEquals(AT + 1, s.port("count").get());
        }
    }

    @Test
    void perCycleTicksStopAtTheSameCycleAsBatches() {
        try (Simulator s = start(0)) {
            for (int i = 0; i < AT; i++) s.tick();
            SimulationFinishedException e = assertThrows(SimulationFinishedException.class, s::tick);
            assertEquals(AT, e.cycle());
        }
    }

    @Test
    void finishInAnInitialBlockEndsTheSimulationBeforeItStarts() {
        Model portless = Model.load(VerilogDesign.of("ends_at_once", "ends_at_once.v",
                "module ends_at_once;\n  initial $finish;\nendmodule\n"));
        assertTrue(portless.ports().isEmpty());
        SimulationFinishedException e = assertThrows(SimulationFinishedException.class, portless::newSimulator);
        assertEquals(0, e.simTime());
        assertEquals(2, e.sourceLine());
    }

    @Test
    void theJvmCarriesOnAfterAFatal() {
        try (Simulator s = start(2)) {
            assertThrows(SimulationStoppedException.class, () -> s.step(1000));
        }
        // A new instance of the same model runs normally.
        try (Simulator s = start(0)) {
            s.step(AT - 1);
            assertEquals(AT - 1, s.port("count").get());
        }
    }
}
