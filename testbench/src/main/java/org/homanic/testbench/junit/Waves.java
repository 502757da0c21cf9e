package org.homanic.testbench.junit;

/**
 * When {@link SimulationExtension} writes a waveform for a test. The system property (or JUnit
 * configuration parameter) {@code homa.waves} = {@code off}, {@code failure} or {@code always}
 * overrides the annotation for a whole run.
 */
public enum Waves {
    /** No waveform: the fastest, for long randomized runs. */
    OFF,
    /** Record every test, delete the file when the test passes (the default). */
    KEEP_ON_FAILURE,
    /** Record and keep every test's waveform. */
    ALWAYS
}
