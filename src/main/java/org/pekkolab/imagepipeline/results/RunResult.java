package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * One configuration of the sweep, measured: what ran, then its figures grouped by concern. Built
 * with {@link #builder}, which names every figure.
 *
 * @param nodeStats one per node of the run, dead ones included
 * @param imageTimings one per processed image
 * @param failures the images given up on
 */
public record RunResult(
        RunSetup setup,
        ImageCounts counts,
        Backpressure backpressure,
        HeapUse heap,
        Speed speed,
        CpuUse cpu,
        Timeline timeline,
        List<NodeStats> nodeStats,
        List<WorkerStats> workerStats,
        List<ImageTiming> imageTimings,
        List<Failure> failures) {

    /** The run's label, {@link RunSetup#label()}. */
    public String label() {
        return setup.label();
    }

    /** A run of {@code setup} whose figures are 0, its thread switches unknown (NaN) and its lists empty until set. */
    public static Builder builder(RunSetup setup) {
        return new Builder(setup);
    }

    /** Sets the figures of a run by name. */
    public static final class Builder {
        private final RunSetup setup;
        private int images;
        private int failed;
        private int retried;
        private int redelivered;
        private int lost;
        private int restarts;
        private int peakInFlight;
        private int overflowed;
        private int peakMailbox;
        private double heldBackMs;
        private long startedAtMicros;
        private List<Sample> inFlight = List.of();
        private double peakHeapMb;
        private double liveHeapMb;
        private double wallMs;
        private double imagesPerSec;
        private double speedup;
        private double efficiency;
        private double efficiencyPerCore;
        private double cpuLoadMean;
        private int threadsSeen;
        private int coresSeen;
        private double voluntarySwitchesPerImage = Double.NaN;
        private double involuntarySwitchesPerImage = Double.NaN;
        private List<NodeStats> nodeStats = List.of();
        private List<WorkerStats> workerStats = List.of();
        private List<ImageTiming> imageTimings = List.of();
        private List<Failure> failures = List.of();

        private Builder(RunSetup setup) {
            this.setup = setup;
        }

        public Builder images(int value) {
            images = value;
            return this;
        }

        public Builder failed(int value) {
            failed = value;
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

        public Builder lost(int value) {
            lost = value;
            return this;
        }

        public Builder restarts(int value) {
            restarts = value;
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

        public Builder startedAtMicros(long value) {
            startedAtMicros = value;
            return this;
        }

        public Builder inFlight(List<Sample> value) {
            inFlight = value;
            return this;
        }

        public Builder heldBackMs(double value) {
            heldBackMs = value;
            return this;
        }

        public Builder peakMailbox(int value) {
            peakMailbox = value;
            return this;
        }

        public Builder peakHeapMb(double value) {
            peakHeapMb = value;
            return this;
        }

        public Builder liveHeapMb(double value) {
            liveHeapMb = value;
            return this;
        }

        public Builder wallMs(double value) {
            wallMs = value;
            return this;
        }

        public Builder imagesPerSec(double value) {
            imagesPerSec = value;
            return this;
        }

        public Builder speedup(double value) {
            speedup = value;
            return this;
        }

        public Builder efficiency(double value) {
            efficiency = value;
            return this;
        }

        public Builder efficiencyPerCore(double value) {
            efficiencyPerCore = value;
            return this;
        }

        public Builder cpuLoadMean(double value) {
            cpuLoadMean = value;
            return this;
        }

        public Builder threadsSeen(int value) {
            threadsSeen = value;
            return this;
        }

        public Builder coresSeen(int value) {
            coresSeen = value;
            return this;
        }

        public Builder voluntarySwitchesPerImage(double value) {
            voluntarySwitchesPerImage = value;
            return this;
        }

        public Builder involuntarySwitchesPerImage(double value) {
            involuntarySwitchesPerImage = value;
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

        public Builder imageTimings(List<ImageTiming> value) {
            imageTimings = value;
            return this;
        }

        public Builder failures(List<Failure> value) {
            failures = value;
            return this;
        }

        public RunResult build() {
            return new RunResult(
                    setup,
                    new ImageCounts(images, failed, retried, redelivered, lost, restarts),
                    new Backpressure(peakInFlight, overflowed, peakMailbox, heldBackMs),
                    new HeapUse(peakHeapMb, liveHeapMb),
                    new Speed(wallMs, imagesPerSec, speedup, efficiency, efficiencyPerCore),
                    new CpuUse(cpuLoadMean, threadsSeen, coresSeen, voluntarySwitchesPerImage, involuntarySwitchesPerImage),
                    new Timeline(startedAtMicros, inFlight),
                    nodeStats,
                    workerStats,
                    imageTimings,
                    failures);
        }
    }
}
