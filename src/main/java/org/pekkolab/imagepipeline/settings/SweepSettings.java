package org.pekkolab.imagepipeline.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pekkolab.imagepipeline.filters.FilterRegistry;
import org.pekkolab.imagepipeline.filters.ImageFilter;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.OutputTarget;

/** Everything a sweep needs, resolved from the command line and the configuration, grouped by concern. */
public record SweepSettings(
        InputSettings input,
        ImageSettings images,
        WorkerSettings workers,
        Variations compared,
        FaultSettings faults,
        ReadSettings reads,
        Optional<OutputTarget> output,
        TimingSettings timing) {

    /** The same settings with another warm-up: later trials of a bench need no new one. */
    public SweepSettings withWarmup(Warmup warmup) {
        return new SweepSettings(input, images, workers, compared, faults, reads, output, timing.withWarmup(warmup));
    }

    public int imagesPerRun() {
        return input.imagesPerRun();
    }

    /** Settings for tests: one pull row per worker count on fork-join, the default chain, no warm-up, then what the test changes. */
    public static Builder builder(InputSet input) {
        return new Builder(input);
    }

    /** Defaults for tests; the command line builds its settings from the configuration instead. */
    public static final class Builder {
        private final InputSet input;
        private int repeat = 1;
        private ImageSettings images = new ImageSettings(
                FilterRegistry.defaultChain().stream().map(ImageFilter::name).toList(), ImageDecoder.DEFAULT_MAX_PIXELS);
        private WorkerSettings workers = new WorkerSettings(List.of(1), 0, PullWindow.everywhere(4), 0, 4, 0);
        private Variations compared = new Variations(List.of("fork-join"), List.of(Distribution.PULL), List.of(IoDispatcher.BLOCKING),
                List.of(ControlDispatcher.AUTO));
        private FaultSettings faults = FaultSettings.DEFAULT;
        private ReadSettings reads = new ReadSettings(IoDispatcher.BLOCKING, 4, 4, Duration.ZERO, Duration.ofSeconds(10));
        private Optional<OutputTarget> output = Optional.empty();
        private TimingSettings timing = new TimingSettings(Warmup.NONE, Duration.ofMillis(50), Duration.ofMinutes(5), Duration.ZERO);

        private Builder(InputSet input) {
            this.input = input;
        }

        public Builder repeat(int value) {
            repeat = value;
            return this;
        }

        public Builder filters(String... names) {
            images = new ImageSettings(Arrays.asList(names), images.maxPixels());
            return this;
        }

        public Builder workers(Integer... counts) {
            workers = new WorkerSettings(Arrays.asList(counts), workers.threads(), workers.window(), workers.mailboxCapacity(), workers.streamBuffer(), workers.nice());
            return this;
        }

        public Builder threads(int threads) {
            workers = new WorkerSettings(workers.counts(), threads, workers.window(), workers.mailboxCapacity(), workers.streamBuffer(), workers.nice());
            return this;
        }

        public Builder dispatchers(String... names) {
            compared = new Variations(Arrays.asList(names), compared.distributions(), compared.readers(), compared.controls());
            return this;
        }

        public Builder distributions(Distribution... distributions) {
            compared = new Variations(compared.dispatchers(), Arrays.asList(distributions), compared.readers(), compared.controls());
            return this;
        }

        public Builder faults(FaultSettings value) {
            faults = value;
            return this;
        }

        public Builder reads(ReadSettings value) {
            reads = value;
            return this;
        }

        public Builder warmup(Warmup warmup) {
            timing = timing.withWarmup(warmup);
            return this;
        }

        public Builder minRowTime(Duration minimum) {
            timing = timing.withMinRowTime(minimum);
            return this;
        }

        public SweepSettings build() {
            return new SweepSettings(new InputSettings(input, repeat), images, workers, compared, faults, reads, output, timing);
        }
    }
}
