package org.pekkolab.imagepipeline.settings;

import java.time.Duration;

/**
 * How a sweep is timed.
 *
 * @param warmup the JIT warm-up before the timed rows
 * @param sampleInterval how often the metrics actors sample CPU and heap
 * @param runTimeout how long one row may take before it counts as stuck
 * @param minRowTime how long each row runs at least, the input fed again as often as it takes;
 *     zero when the rows take the input as {@code --repeat} gives it
 */
public record TimingSettings(Warmup warmup, Duration sampleInterval, Duration runTimeout, Duration minRowTime) {

    public TimingSettings {
        if (minRowTime.isNegative()) {
            throw new IllegalArgumentException("the minimum row time must not be negative, got " + minRowTime);
        }
    }

    /** The same timing with another warm-up: later trials of a bench need no new one. */
    public TimingSettings withWarmup(Warmup other) {
        return new TimingSettings(other, sampleInterval, runTimeout, minRowTime);
    }

    /** The same timing with rows of another minimum length. */
    public TimingSettings withMinRowTime(Duration other) {
        return new TimingSettings(warmup, sampleInterval, runTimeout, other);
    }
}
