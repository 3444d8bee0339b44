package org.pekkolab.imagepipeline.settings;

import java.time.Duration;

/**
 * How a sweep is timed.
 *
 * @param warmup the JIT warm-up before the timed rows
 * @param sampleInterval how often the metrics actors sample CPU and heap
 * @param runTimeout how long one row may take before it counts as stuck
 */
public record TimingSettings(Warmup warmup, Duration sampleInterval, Duration runTimeout) {

    /** The same timing with another warm-up: later trials of a bench need no new one. */
    public TimingSettings withWarmup(Warmup other) {
        return new TimingSettings(other, sampleInterval, runTimeout);
    }
}
