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

    public int imagesPerRun() {
        return input.files().size() * repeat;
    }
}
