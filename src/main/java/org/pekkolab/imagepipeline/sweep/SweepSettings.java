package org.pekkolab.imagepipeline.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.processing.OutputTarget;

/** Everything a sweep needs, resolved from the command line and the configuration. */
public record SweepSettings(
        InputSet input,
        FilterChain filters,
        List<Integer> workerCounts,
        List<String> dispatchers,
        int repeat,
        Optional<OutputTarget> output,
        long maxPixels,
        int maxRetries,
        int window,
        int readAhead,
        Duration warmup,
        Duration sampleInterval,
        Duration runTimeout) {

    /** The same settings with another warm-up: later trials of a bench need no new one. */
    public SweepSettings withWarmup(Duration newWarmup) {
        return new SweepSettings(input, filters, workerCounts, dispatchers, repeat, output, maxPixels, maxRetries, window, readAhead,
                newWarmup, sampleInterval, runTimeout);
    }

    public int imagesPerRun() {
        return input.files().size() * repeat;
    }
}
