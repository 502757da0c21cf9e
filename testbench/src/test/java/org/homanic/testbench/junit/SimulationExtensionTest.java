package org.homanic.testbench.junit;

import org.homanic.testbench.SimulationStoppedException;
import org.homanic.testbench.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@link Suite}, whose tests fail on purpose, through the JUnit launcher and checks what a
 * user gets: the seed and the waveform's path in the failure message, the waveform file of the
 * failed test kept and that of the passing one deleted, and a test after a $fatal still running.
 */
class SimulationExtensionTest {

    /** Not a test of the build (surefire skips nested classes); run by the test below. */
    @VerilatorTest(top = "counter", verilog = "/org/homanic/testbench/counter.v")
    static class Suite {
        @Test
        void failsOnPurpose(Simulator sim, Seed seed) {
            sim.reset(1);
            sim.port("enable").set(1);
            sim.step(5 + seed.random().nextInt(5));
            assertEquals(-1, sim.port("count").get(), "a count no counter reaches");
        }

        @Test
        void passes(Simulator sim) {
            sim.reset(1);
            sim.port("enable").set(1);
            sim.step(3);
            assertEquals(3, sim.port("count").get());
        }

        @Test
        @VerilatorTest(design = FinisherDesign.class)
        void designCallsFatal(Simulator sim) {
            sim.port("mode").set(2);
            sim.port("at").set(4);
            sim.step(100);
        }

        @Test
        void runsAfterTheFatal(Simulator sim) {
            sim.step(1);
        }
    }

    /** The finisher design, supplied as a generator would supply one. */
    public static final class FinisherDesign implements java.util.function.Supplier<org.homanic.testbench.VerilogDesign> {
        @Override
        public org.homanic.testbench.VerilogDesign get() {
            return org.homanic.testbench.VerilogDesign.fromResources("finisher", FinisherDesign.class,
                    "/org/homanic/testbench/finisher.v");
        }
    }

    @Test
    void failingTestKeepsItsWaveformAndReportsSeedAndPath(@TempDir Path waves) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TestExecutionSummary summary = runSuite(waves, out);

        assertEquals(4, summary.getTestsStartedCount());
        assertEquals(2, summary.getTestsSucceededCount(), "passes and runsAfterTheFatal");
        Map<String, Throwable> failures = summary.getFailures().stream().collect(Collectors.toMap(
                f -> f.getTestIdentifier().getDisplayName(), TestExecutionSummary.Failure::getException, (a, b) -> a));
        assertEquals(2, failures.size(), failures.keySet().toString());

        Throwable failed = failures.get("failsOnPurpose(Simulator, Seed)");
        assertInstanceOf(SimulationTestFailure.class, failed);
        String message = failed.getMessage();
        assertTrue(message.contains("a count no counter reaches"), message);
        assertTrue(message.contains("seed: 0x5eed"), message);
        assertTrue(message.contains("-Dtest=Suite#failsOnPurpose -Dhoma.seed=0x5eed"), message);
        Path kept = waves.resolve("Suite").resolve("failsOnPurpose.fst");
        assertTrue(message.contains(kept.toAbsolutePath().toString()), message);
        assertTrue(Files.size(kept) > 100, "the failed test's waveform has content");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("seed 0x5eed"), "the seed is printed when the test starts");

        assertFalse(Files.exists(waves.resolve("Suite").resolve("passes.fst")), "a passing test's waveform is deleted");

        Throwable fatal = failures.get("designCallsFatal(Simulator)");
        assertInstanceOf(SimulationStoppedException.class, fatal.getCause());
        assertEquals(41, ((SimulationStoppedException) fatal.getCause()).simTime());
        assertTrue(fatal.getMessage().contains("designCallsFatal.fst"), fatal.getMessage());
    }

    private static TestExecutionSummary runSuite(Path waves, ByteArrayOutputStream out) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Suite.class))
                .configurationParameter("homa.seed", "0x5eed")
                .configurationParameter("homa.waves", "failure")
                .configurationParameter("homa.waves.dir", waves.toString())
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(request, listener);
        } finally {
            System.setOut(saved);
        }
        return listener.getSummary();
    }

}
