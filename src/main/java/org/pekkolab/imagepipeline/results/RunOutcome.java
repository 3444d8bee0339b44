package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * A run as its driver saw it, before it is set against the baseline. Built with {@link #builder}, which
 * names every figure.
 *
 * @param retried attempts beyond the first, summed over all images
 * @param redelivered images handed to another worker because the worker or node that held them went
 *     away (a node that left or died, a worker stopped by its supervision), whether or not it had
 *     started on them; in push mode every image still out when a node went away
 * @param restarts supervision events, one per failed attempt whatever the strategy: a restart, a
 *     resume, a back-off restart, or a stop and its replacement
 * @param lost images never accounted for as processed or failed (must be 0)
 * @param peakInFlight the most images handed to workers and not yet finished at one time
 * @param overflowed push mode: deliveries refused by a full worker mailbox and sent again later
 * @param peakMailbox push mode: the most messages waiting in one worker's mailbox
 * @param heldBackMs push mode: how long reading was held back because the images sent and not yet
 *     processed held {@code pipeline.push.held-heap-share} of the heap
 * @param nodeStats one per node of the run, dead ones included
 * @param startedAtMicros when the run's clock started, in µs since the epoch on the coordinator's clock
 * @param inFlight actor runs: the images handed to workers and not yet finished, over time; empty for
 *     plain runs
 */
public record RunOutcome(
        long startedAtMicros,
        double wallMs,
        int images,
        int processed,
        List<Failure> failures,
        int retried,
        int redelivered,
        int restarts,
        int lost,
        int peakInFlight,
        int overflowed,
        int peakMailbox,
        double heldBackMs,
        List<Sample> inFlight,
        List<NodeStats> nodeStats,
        List<WorkerStats> workerStats,
        List<ImageTiming> timings) {

    /** An outcome whose counts are 0 and lists empty until set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets the figures of an outcome by name. */
    public static final class Builder {
        private long startedAtMicros;
        private double wallMs;
        private int images;
        private int processed;
        private List<Failure> failures = List.of();
        private int retried;
        private int redelivered;
        private int restarts;
        private int lost;
        private int peakInFlight;
        private int overflowed;
        private int peakMailbox;
        private double heldBackMs;
        private List<Sample> inFlight = List.of();
        private List<NodeStats> nodeStats = List.of();
        private List<WorkerStats> workerStats = List.of();
        private List<ImageTiming> timings = List.of();

        private Builder() {}

        public Builder startedAtMicros(long value) {
            startedAtMicros = value;
            return this;
        }

        public Builder inFlight(List<Sample> value) {
            inFlight = value;
            return this;
        }

        public Builder wallMs(double value) {
            wallMs = value;
            return this;
        }

        public Builder images(int value) {
            images = value;
            return this;
        }

        public Builder processed(int value) {
            processed = value;
            return this;
        }

        public Builder failures(List<Failure> value) {
            failures = value;
            return this;
        }

        public Builder retried(int value) {
            retried = value;
            return this;
        }

        public Builder redelivered(int value) {
            redelivered = value;
            return this;
        }

        public Builder restarts(int value) {
            restarts = value;
            return this;
        }

        public Builder lost(int value) {
            lost = value;
            return this;
        }

        public Builder peakInFlight(int value) {
            peakInFlight = value;
            return this;
        }

        public Builder overflowed(int value) {
            overflowed = value;
            return this;
        }

        public Builder peakMailbox(int value) {
            peakMailbox = value;
            return this;
        }

        public Builder heldBackMs(double value) {
            heldBackMs = value;
            return this;
        }

        public Builder nodeStats(List<NodeStats> value) {
            nodeStats = value;
            return this;
        }

        public Builder workerStats(List<WorkerStats> value) {
            workerStats = value;
            return this;
        }

        public Builder timings(List<ImageTiming> value) {
            timings = value;
            return this;
        }

        public RunOutcome build() {
            return new RunOutcome(startedAtMicros, wallMs, images, processed, failures, retried, redelivered, restarts, lost, peakInFlight, overflowed,
                    peakMailbox, heldBackMs, inFlight, nodeStats, workerStats, timings);
        }
    }
}
