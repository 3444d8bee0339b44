package org.pekkolab.imagepipeline.node;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.runtime.RunDispatchers;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.PullWindow;

/**
 * What a node needs to start its filter workers for one run; sent to every node of the run.
 *
 * @param runId unique per run: names the service key the workers register under
 * @param output where to save processed images (the same path on every node), if anywhere
 * @param sampleIntervalMs how often the node's metrics actor samples CPU and heap
 */
public record WorkerSpec(String runId, RunWorkers workers, ImageSettings images, FaultSettings faults, Optional<OutputTarget> output,
        long sampleIntervalMs) implements CborSerializable {

    /**
     * The workers of one run on each node.
     *
     * @param count workers per node
     * @param threads threads of the run's dispatcher on each node (usually {@code count})
     * @param dispatcher the preset name, sized on each node to {@code threads} threads
     * @param window images each pull worker may hold, beside the supervisor or in another JVM
     * @param mailboxCapacity push mode: the bound of each worker's mailbox, 0 for unbounded
     * @param streamBuffer stream mode: the buffers of the stream between the supervisor and each node
     * @param control where the run's control actors work (resolved, never auto)
     * @param nice nice steps of the threads doing image work below the node's other threads
     */
    public record RunWorkers(int count, int threads, String dispatcher, PullWindow window, Distribution distribution, int mailboxCapacity,
            int streamBuffer, ControlDispatcher control, int nice) {}

    /** Where the run's filter workers work. */
    public DispatcherSelector workerDispatcher() {
        return RunDispatchers.workers(workers.dispatcher(), workers.threads());
    }

    /** Where the run's control actors work. */
    public DispatcherSelector controlDispatcher() {
        return RunDispatchers.control(workers.control(), workers.dispatcher(), workers.threads());
    }

    /** Where the run's readers block. */
    public DispatcherSelector readerDispatcher(IoDispatcher readers) {
        return RunDispatchers.readers(readers, workers.dispatcher(), workers.threads());
    }

    public static Builder builder(String runId) {
        return new Builder(runId);
    }

    /** Defaults for tests: two pull workers on the "test" preset, grayscale and blur, shared control, restart supervision. */
    public static final class Builder {
        private final String runId;
        private int count = 2;
        private int threads = 2;
        private String dispatcher = "test";
        private PullWindow window = PullWindow.everywhere(4);
        private Distribution distribution = Distribution.PULL;
        private int mailboxCapacity;
        private int streamBuffer = 4;
        private ControlDispatcher control = ControlDispatcher.SHARED;
        private ImageSettings images = new ImageSettings(List.of("grayscale", "blur"), ImageDecoder.DEFAULT_MAX_PIXELS);
        private FaultSettings faults = FaultSettings.DEFAULT;
        private Optional<OutputTarget> output = Optional.empty();
        private long sampleIntervalMs = 20;

        private Builder(String runId) {
            this.runId = runId;
        }

        /** {@code count} workers on as many threads. */
        public Builder workers(int value) {
            count = value;
            threads = value;
            return this;
        }

        public Builder dispatcher(String preset, int threadCount) {
            dispatcher = preset;
            threads = threadCount;
            return this;
        }

        /** The windows of workers beside the supervisor and in other JVMs, and the batch of the latter. */
        public Builder window(PullWindow value) {
            window = value;
            return this;
        }

        /** The same window for every worker. */
        public Builder window(int value) {
            window = PullWindow.everywhere(value);
            return this;
        }

        public Builder distribution(Distribution value, int capacity) {
            distribution = value;
            mailboxCapacity = capacity;
            return this;
        }

        public Builder streamBuffer(int value) {
            streamBuffer = value;
            return this;
        }

        public Builder control(ControlDispatcher value) {
            control = value;
            return this;
        }

        public Builder images(ImageSettings value) {
            images = value;
            return this;
        }

        public Builder faults(FaultSettings value) {
            faults = value;
            return this;
        }

        public Builder output(OutputTarget value) {
            output = Optional.of(value);
            return this;
        }

        public Builder sampleIntervalMs(long value) {
            sampleIntervalMs = value;
            return this;
        }

        public WorkerSpec build() {
            return new WorkerSpec(runId, new RunWorkers(count, threads, dispatcher, window, distribution, mailboxCapacity, streamBuffer, control, 0),
                    images, faults, output, sampleIntervalMs);
        }
    }
}
