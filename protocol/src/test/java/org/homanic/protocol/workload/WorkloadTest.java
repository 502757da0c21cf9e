package org.homanic.protocol.workload;

import org.homanic.protocol.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W1–W5 samplers against the files' own means. Lengths above 1,000,000 bytes (W2–W5) are
 * capped at 1,000,000, Homa's message limit, and the file mean is computed with the same cap.
 *
 * <p>The sampler draws independent lengths, so the sample mean has a standard error of
 * sd/sqrt(n): at 10^6 samples about 1.1% for W2 and 1.0% for W3, which makes the 2% bound a
 * 2-sigma bound for those two and some seeds miss it (seed 0x5EED0032 gave W2 -2.4%). The
 * default seed is 1 for every workload; -Dhoma.seed=N runs another, and every run also checks
 * the seed-independent 4-standard-error bound.
 */
class WorkloadTest {
    private static final int SAMPLES = 1_000_000;
    private static final long CAP = 1_000_000;

    private static long seed(String workload) {
        String s = System.getProperty("homa.seed");
        long seed = s != null ? Long.parseLong(s) : 1;
        System.out.println(workload + " sampler seed " + seed);
        return seed;
    }

    /** Mean straight from the CSV rows, computed here independently of Workload. */
    private static double fileMean(String file, long cap) throws IOException {
        List<String> lines = Files.readAllLines(SharedFiles.resolve("data/workloads/" + file + ".csv"));
        double sum = 0, weights = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double w = Double.parseDouble(c[1]);
            sum += Math.min(Long.parseLong(c[0]), cap) * w;
            weights += w;
        }
        return sum / weights;
    }

    @ParameterizedTest
    @ValueSource(strings = {"W1", "W2", "W3", "W4", "W5"})
    void sampleMeanIsWithinTwoPercentOfTheFileMean(String name) throws IOException {
        Workload w = Workload.named(name).cappedForHoma();
        MessageSizeSampler sampler = new MessageSizeSampler(w, seed(name));
        double sum = 0;
        long max = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long l = sampler.next();
            sum += l;
            max = Math.max(max, l);
        }
        double expected = fileMean(name.toLowerCase(), CAP);
        double mean = sum / SAMPLES;
        double variance = 0;
        for (int i = 0; i < w.points(); i++) variance += w.probability(i) * Math.pow(w.length(i) - expected, 2);
        double standardError = Math.sqrt(variance / SAMPLES);
        System.out.printf("%s: sample mean %.1f, file mean (capped) %.1f, error %.2f%% = %.2f standard errors%n",
                name, mean, expected, 100 * (mean - expected) / expected, (mean - expected) / standardError);
        assertEquals(expected, w.mean(), expected * 1e-9, "analytic mean of the capped distribution");
        assertEquals(expected, mean, 4 * standardError, name + " sample mean beyond 4 standard errors");
        if (System.getProperty("homa.seed") == null) assertEquals(expected, mean, expected * 0.02, name + " sample mean");
        assertTrue(max <= CAP);
    }

    @Test
    void uncappedMeansMatchTheFiles() throws IOException {
        for (String name : List.of("W1", "W2", "W3", "W4", "W5")) {
            assertEquals(fileMean(name.toLowerCase(), Long.MAX_VALUE), Workload.named(name).mean(), 1e-6 * Workload.named(name).mean());
        }
        // Hand-checked anchors: W1 never exceeds 100000 bytes; W5's largest point is 29.4 MB.
        assertEquals(100_000, Workload.named("W1").maxLength());
        assertEquals(29_400_000, Workload.named("W5").maxLength());
        assertEquals(1_000_000, Workload.named("W5").cappedForHoma().maxLength());
    }

    @Test
    void inverseCdfPicksPointMasses(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "length_bytes,weight,cumulative_fraction\n10,0.25,0.25\n20,0.5,0.75\n2000000,0.25,1\n");
        Workload w = Workload.load("T", csv);
        assertEquals(10, w.lengthAt(0.0));
        assertEquals(10, w.lengthAt(0.2499));
        assertEquals(20, w.lengthAt(0.25));
        assertEquals(2_000_000, w.lengthAt(0.9999));
        assertEquals(0.25 * 10 + 0.5 * 20 + 0.25 * 2_000_000, w.mean(), 1e-6);
        Workload c = w.capped(1_000_000);
        assertEquals(0.25 * 10 + 0.5 * 20 + 0.25 * 1_000_000, c.mean(), 1e-6);
        assertEquals(1_000_000, c.lengthAt(0.9));
        assertThrows(IllegalArgumentException.class, () -> Workload.named("W9"));
        Files.writeString(csv, "length_bytes,weight\n20,1\n10,1\n");
        assertThrows(IOException.class, () -> Workload.load("bad", csv));
    }

    @Test
    void poissonArrivalsOfferTheRequestedLoad() throws IOException {
        long seed = seed("W3");
        Workload w = Workload.named("W3").cappedForHoma();
        // Mean gap = 2423.11 B x 8 / (0.5 x 100 Gb/s) = 387.7 ns.
        PoissonArrivals p = new PoissonArrivals(w, 0.5, 100, seed);
        assertEquals(w.mean() * 8 / 50, p.meanGapNanos(), 1e-9);
        int n = 1_000_000;
        double bytes = 0, sumGap = 0, sumGap2 = 0;
        long last = 0;
        for (int i = 0; i < n; i++) {
            PoissonArrivals.Arrival a = p.next();
            assertTrue(a.timeNanos() >= last);
            double gap = a.timeNanos() - last;
            sumGap += gap;
            sumGap2 += gap * gap;
            last = a.timeNanos();
            bytes += a.length();
        }
        double offered = bytes * 8 / last; // Gb/s since time is in ns
        double meanGap = sumGap / n;
        double cv = Math.sqrt(sumGap2 / n - meanGap * meanGap) / meanGap;
        System.out.printf("offered %.2f Gb/s of 50, mean gap %.1f ns, CV %.3f%n", offered, meanGap, cv);
        assertEquals(50, offered, 50 * 0.02);
        assertEquals(p.meanGapNanos(), meanGap, p.meanGapNanos() * 0.01);
        assertEquals(1.0, cv, 0.02, "exponential gaps have a coefficient of variation of 1");
        assertThrows(IllegalArgumentException.class, () -> new PoissonArrivals(w, 1.5, 100, 1));
    }
}
