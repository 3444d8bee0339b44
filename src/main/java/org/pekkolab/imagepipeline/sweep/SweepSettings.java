package org.pekkolab.imagepipeline.sweep;

import java.time.Duration;
import java.util.List;
import org.pekkolab.imagepipeline.actors.ControlDispatcher;
import org.pekkolab.imagepipeline.actors.Distribution;
import org.pekkolab.imagepipeline.actors.FaultPlan;
import org.pekkolab.imagepipeline.actors.IoDispatcher;
import org.pekkolab.imagepipeline.actors.ReadSettings;
import org.pekkolab.imagepipeline.actors.Supervision;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.processing.OutputTarget;
import java.util.Optional;

/**
 * Everything a sweep needs, resolved from the command line and the configuration.
 *
 * @param threads dispatcher threads per run, or 0 for as many as the run has workers
 * @param distributions the modes compared: pull (work pulling) and/or push (router)
 * @param mailboxCapacity push mode: bound of each worker's mailbox, 0 for unbounded
 * @param reads how every row reads its images: latency and HTTP timeout for all, readers and their dispatcher for actor runs
 * @param controls where the actor runs' control actors work, one run each
 */
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
        Warmup warmup,
        Duration sampleInterval,
        Duration runTimeout,
        int threads,
        List<Distribution> distributions,
        int mailboxCapacity,
        Supervision supervision,
        FaultPlan faults,
        ReadSettings reads,
        List<IoDispatcher> ioDispatchers,
        List<ControlDispatcher> controls) {

    /** The same settings with another warm-up: later trials of a bench need no new one. */
    public SweepSettings withWarmup(Warmup newWarmup) {
        return new SweepSettings(input, filters, workerCounts, dispatchers, repeat, output, maxPixels, maxRetries, window, readAhead,
                newWarmup, sampleInterval, runTimeout, threads, distributions, mailboxCapacity, supervision, faults, reads, ioDispatchers,
                controls);
    }

    public int imagesPerRun() {
        return input.sources().size() * repeat;
    }

    /** Threads of the dispatcher a run with {@code workers} workers gets. */
    public int threadsFor(int workers) {
        return threads > 0 ? threads : workers;
    }

    /** Every dispatcher size the sweep's runs need. */
    public List<Integer> threadCounts() {
        return workerCounts.stream().map(this::threadsFor).distinct().toList();
    }
}
