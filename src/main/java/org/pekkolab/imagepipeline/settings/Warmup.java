package org.pekkolab.imagepipeline.settings;

import java.time.Duration;

/**
 * How long the JIT warm-up before the timed runs lasts: rounds over the whole sweep for at least
 * {@code minimum}, then until a round in which the JIT compiled for less than {@code settledShare}
 * of the round's time; no round starts after {@code maximum}. A JIT still compiling steals a core
 * from the first timed rows (on 2 cores, up to a third of a 200-image actor run); a fixed warm-up
 * long enough for a slow day would waste a quiet day's time.
 *
 * @param minimum zero for no warm-up at all (later bench trials, quick looks, tests)
 * @param settledShare compile time over wall time, 0..1, below which the JIT counts as settled
 */
public record Warmup(Duration minimum, Duration maximum, double settledShare) {

    public static final Warmup NONE = new Warmup(Duration.ZERO, Duration.ZERO, 1);

    public Warmup {
        if (minimum.isNegative() || maximum.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("warm-up from " + minimum + " to " + maximum);
        }
        if (!(settledShare > 0 && settledShare <= 1)) {
            throw new IllegalArgumentException("settled share must be in (0, 1], got " + settledShare);
        }
    }

    /**
     * Whether another round is due after {@code elapsed}, the last round having spent {@code jitShare}
     * of its time compiling (NaN where the JVM does not tell).
     */
    public boolean anotherRound(Duration elapsed, double jitShare) {
        return elapsed.compareTo(minimum) < 0 || !settled(jitShare) && elapsed.compareTo(maximum) < 0;
    }

    /** Whether a round that spent {@code jitShare} of its time compiling shows a settled JIT; unknown counts as settled. */
    public boolean settled(double jitShare) {
        return Double.isNaN(jitShare) || jitShare < settledShare;
    }
}
