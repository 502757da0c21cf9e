package org.homanic.testbench;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Compares what the design produced with what a reference model expects, in order. The first
 * mismatch fails at once (an {@link AssertionError} naming the item's index and the clock cycle
 * it arrived in), so the waveform ends right after the fault.
 *
 * @param <T> the compared items, e.g. {@link AxiStreamFrame}
 */
public final class Scoreboard<T> {
    private final String name;
    private final BiPredicate<T, T> same;
    private final Function<T, String> describe;
    private final ArrayDeque<T> expected = new ArrayDeque<>();
    private long matched;

    /** Compares with {@link Objects#equals}, describes with {@code toString}. */
    public Scoreboard(String name) {
        this(name, Objects::equals, String::valueOf);
    }

    public Scoreboard(String name, BiPredicate<T, T> same, Function<T, String> describe) {
        this.name = name;
        this.same = same;
        this.describe = describe;
    }

    /** Queues the reference model's next output. */
    public void expect(T item) {
        expected.addLast(item);
    }

    /** Checks the design's next output, which appeared in clock cycle {@code cycle}. */
    public void actual(T item, long cycle) {
        long index = matched;
        T want = expected.pollFirst();
        if (want == null) {
            throw new AssertionError("scoreboard '" + name + "': unexpected item #" + index + " at cycle " + cycle
                    + " (the reference model expected no more): " + describe.apply(item));
        }
        if (!same.test(want, item)) {
            throw new AssertionError("scoreboard '" + name + "': item #" + index + " differs at cycle " + cycle
                    + "\n  expected: " + describe.apply(want) + "\n  actual:   " + describe.apply(item));
        }
        matched++;
    }

    /** Items that matched so far. */
    public long matched() {
        return matched;
    }

    /** Expected items still outstanding. */
    public int pending() {
        return expected.size();
    }

    /** Fails when expected items never arrived. */
    public void assertDrained() {
        if (!expected.isEmpty()) {
            throw new AssertionError("scoreboard '" + name + "': " + expected.size() + " expected item(s) never arrived after "
                    + matched + " matched; next expected: " + describe.apply(expected.peekFirst()));
        }
    }
}
