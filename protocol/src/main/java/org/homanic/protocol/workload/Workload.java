package org.homanic.protocol.workload;

import org.homanic.protocol.SharedFiles;
import org.homanic.protocol.wire.HomaConstants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message-size distribution: point masses (length, probability), as in HomaModule's
 * util/dist.cc and the files shared/data/workloads/w1.csv … w5.csv
 * ({@code length_bytes,weight,cumulative_fraction}).
 */
public final class Workload {
    private final String name;
    private final long[] lengths;
    /** cumulative[i] = P(length ≤ lengths[i]), ending at exactly 1. */
    private final double[] cumulative;

    private Workload(String name, long[] lengths, double[] cumulative) {
        this.name = name;
        this.lengths = lengths;
        this.cumulative = cumulative;
    }

    /** W1..W5 from the shared data folder. */
    public static Workload named(String name) throws IOException {
        String file = name.toLowerCase(Locale.ROOT);
        if (!file.matches("w[1-5]")) throw new IllegalArgumentException("unknown workload '" + name + "'; known: W1..W5");
        return load(name.toUpperCase(Locale.ROOT), SharedFiles.resolve("data/workloads/" + file + ".csv"));
    }

    /** Reads a CSV of lengths and weights; weights are normalised so they sum to 1. */
    public static Workload load(String name, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.getFirst().startsWith("length_bytes,weight")) {
            throw new IOException(csv + ": expected a header 'length_bytes,weight,...'");
        }
        List<long[]> rows = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        long previous = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",");
            try {
                long length = Long.parseLong(cells[0].strip());
                double weight = Double.parseDouble(cells[1].strip());
                if (length <= previous) throw new IOException(csv + ":" + (i + 1) + ": lengths must increase");
                if (weight < 0) throw new IOException(csv + ":" + (i + 1) + ": negative weight");
                previous = length;
                rows.add(new long[] {length});
                weights.add(weight);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(csv + ":" + (i + 1) + ": not 'length,weight': " + line);
            }
        }
        if (rows.isEmpty()) throw new IOException(csv + ": no rows");
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        long[] lengths = new long[rows.size()];
        double[] cumulative = new double[rows.size()];
        double running = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = rows.get(i)[0];
            running += weights.get(i);
            cumulative[i] = running / total;
        }
        cumulative[cumulative.length - 1] = 1.0;
        return new Workload(name, lengths, cumulative);
    }

    /**
     * This distribution with every length above {@code cap} replaced by {@code cap} (its
     * probability moves to the cap). Homa messages cannot exceed 1,000,000 bytes, and W2–W5
     * contain longer ones; {@link #cappedForHoma()} is the form the simulations use.
     */
    public Workload capped(long cap) {
        int keep = 0;
        while (keep < lengths.length && lengths[keep] < cap) keep++;
        if (keep == lengths.length) return this;
        long[] l = new long[keep + 1];
        double[] c = new double[keep + 1];
        System.arraycopy(lengths, 0, l, 0, keep);
        System.arraycopy(cumulative, 0, c, 0, keep);
        l[keep] = cap;
        c[keep] = 1.0;
        return new Workload(name + " capped at " + cap, l, c);
    }

    public Workload cappedForHoma() {
        return capped(HomaConstants.MAX_MESSAGE_LENGTH);
    }

    public String name() { return name; }
    public int points() { return lengths.length; }
    public long length(int i) { return lengths[i]; }
    public double probability(int i) { return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]); }
    public long maxLength() { return lengths[lengths.length - 1]; }

    /** Expected message length in bytes. */
    public double mean() {
        double m = 0;
        for (int i = 0; i < lengths.length; i++) m += lengths[i] * probability(i);
        return m;
    }

    /** The length whose cumulative probability first reaches {@code u} (0 ≤ u < 1): inverse-CDF sampling. */
    public long lengthAt(double u) {
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lengths[lo];
    }

    @Override
    public String toString() {
        return name + " (" + lengths.length + " sizes, mean " + Math.round(mean()) + " B)";
    }
}
