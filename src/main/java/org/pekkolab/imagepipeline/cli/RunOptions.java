package org.pekkolab.imagepipeline.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.settings.ConfigLoader;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.InputSettings;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.PullWindow;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.settings.Supervision;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.settings.TimingSettings;
import org.pekkolab.imagepipeline.settings.UsageException;
import org.pekkolab.imagepipeline.settings.Variations;
import org.pekkolab.imagepipeline.settings.Warmup;
import org.pekkolab.imagepipeline.settings.WorkerSettings;
import picocli.CommandLine.ArgGroup;

/**
 * The options of a sweep and their checks into {@link SweepSettings}: a picocli mixin shared by
 * {@code ./run.sh}, {@code run}, {@code bench} and {@code cluster}. {@link Invocation} runs what they ask for.
 */
final class RunOptions {

    /** Defaults that name project folders resolve against the project, wherever run.sh is called from. */
    private static final Path HOME = Path.of(System.getProperty("pipeline.home", "."));

    // The sections of the help, in order: groups whose options go together freely, but for the
    // first, which takes a folder or a URL list, not both.
    @ArgGroup(order = 1, heading = "%nInput, a folder or a URL list:%n")
    InputSource source = new InputSource();

    @ArgGroup(order = 2, exclusive = false, heading = "%nImages and reads:%n")
    ImageOptions images = new ImageOptions();

    @ArgGroup(order = 3, exclusive = false, heading = "%nWorkers and dispatchers:%n")
    WorkerOptions workers = new WorkerOptions();

    @ArgGroup(order = 4, exclusive = false, heading = "%nDelivery and backpressure:%n")
    DeliveryOptions delivery = new DeliveryOptions();

    @ArgGroup(order = 5, exclusive = false, heading = "%nFaults and supervision:%n")
    FaultOptions faults = new FaultOptions();

    @ArgGroup(order = 6, exclusive = false, heading = "%nOutput and report:%n")
    OutputOptions output = new OutputOptions();

    @ArgGroup(order = 7, exclusive = false, heading = "%nTiming and configuration:%n")
    TimingOptions timing = new TimingOptions();

    /** The --config file, if one was given. */
    Optional<Path> configFile() {
        return Optional.ofNullable(timing.configFile);
    }

    /**
     * Where the report goes, made and checked writable now: --report, or a new folder named after
     * this moment in the project's results/.
     */
    Path reportDir() {
        return output.report != null ? ReportFolder.given(output.report) : ReportFolder.fresh(HOME.resolve("results"), LocalDateTime.now());
    }

    /** The configuration ({@link ConfigLoader}), with --throughput over everything. */
    Config loadConfig() {
        var throughput = workers.throughput;
        require(throughput == null || throughput >= 1, "--throughput must be at least 1, got " + throughput);
        Map<String, Object> overrides = throughput == null ? Map.of() : Map.of(DispatcherPresets.THROUGHPUT, throughput);
        return ConfigLoader.load(configFile(), overrides);
    }

    /** The options checked against each other and the configuration, with the configuration's values where none is given. */
    SweepSettings settings(Config config) {
        var inputSet = source.inputSet(HOME.resolve("images"));
        var pixels = images.maxPixels != null ? images.maxPixels : config.getLong("pipeline.max-pixels");
        require(pixels >= 1, "--max-pixels must be positive, got " + pixels);
        var imageSettings = parse("--filters", () -> new ImageSettings(images.filters, pixels));
        var workerCounts = new ArrayList<Integer>();
        for (int count : workers.counts) {
            require(count >= 1 && count <= PipelineSystem.MAX_WORKERS, "--workers: each count must be between 1 and " + PipelineSystem.MAX_WORKERS + ", got " + count);
            if (!workerCounts.contains(count)) {
                workerCounts.add(count);
            }
        }
        var presets = PipelineSystem.presetNames(config);
        for (var dispatcher : workers.dispatchers) {
            require(presets.contains(dispatcher), "--dispatcher: unknown preset '" + dispatcher + "'; known: " + String.join(", ", presets));
        }
        int repeat = images.repeat != null ? images.repeat : 1;
        require(repeat >= 1, "--repeat must be at least 1, got " + repeat);
        // An explicit --repeat says how long the rows are.
        var minRowTime = images.repeat != null ? Duration.ZERO
                : timing.minRowTimeMs != null ? Duration.ofMillis(timing.minRowTimeMs) : config.getDuration("pipeline.min-row-time");
        require(!minRowTime.isNegative(), "--min-row-time must be 0 or more, got " + minRowTime.toMillis());
        require(output.quality >= 1 && output.quality <= 100, "--quality must be between 1 and 100, got " + output.quality);
        var outputFormat = outputFormat(output.format);
        var retries = faults.maxRetries != null ? faults.maxRetries : config.getInt("pipeline.max-retries");
        require(retries >= 0, "--max-retries must be 0 or more, got " + retries);
        require(delivery.window == null || delivery.window >= WorkerSettings.MIN_WINDOW, "--window must be at least " + WorkerSettings.MIN_WINDOW
                + " (Pekko's flow control asks for more images when half the window is used), got " + delivery.window);
        require(delivery.batch == null || delivery.batch >= 1, "--batch must be at least 1, got " + delivery.batch);
        var batch = delivery.batch != null ? delivery.batch : config.getInt("pipeline.cluster.batch");
        var window = delivery.window != null ? new PullWindow(delivery.window, delivery.window, batch)
                : new PullWindow(config.getInt("pipeline.window"), config.getInt("pipeline.cluster.window"), batch);
        var threads = workers.threads;
        var threadCount = threads != null ? threads : 0;
        require(threads == null || (threads >= 1 && threads <= PipelineSystem.MAX_WORKERS),
                "--threads must be between 1 and " + PipelineSystem.MAX_WORKERS + ", got " + threads);
        var distributions = new ArrayList<Distribution>();
        for (var mode : delivery.modes) {
            var distribution = parse("--mode", () -> Distribution.parse(mode));
            if (!distributions.contains(distribution)) {
                distributions.add(distribution);
            }
        }
        var capacity = delivery.mailboxCapacity != null ? delivery.mailboxCapacity : config.getInt("pipeline.push.mailbox-capacity");
        require(capacity >= 0, "--mailbox-capacity must be 0 (unbounded) or more, got " + capacity);
        var streamBuffer = delivery.streamBuffer != null ? delivery.streamBuffer : config.getInt("pipeline.stream.buffer");
        require(streamBuffer >= 1, "--buffer must be at least 1, got " + streamBuffer);
        var supervision = faults.supervision != null ? faults.supervision : config.getString("pipeline.supervision");
        var strategy = parse("--supervision", () -> Supervision.parse(supervision));
        require(faults.failRate >= 0 && faults.failRate <= 1, "--fail-rate must be between 0 and 1, got " + faults.failRate);
        require(faults.slowRate >= 0 && faults.slowRate <= 1, "--slow-rate must be between 0 and 1, got " + faults.slowRate);
        var slow = faults.slowMs != null ? faults.slowMs : config.getDuration("pipeline.faults.slow").toMillis();
        require(slow >= 0, "--slow-ms must be 0 or more, got " + slow);
        var faultPlan = new FaultPlan(faults.failRate, faults.slowRate, slow, faults.failSeed);
        var ioChoices = ioDispatchers(config);
        var reads = reads(config, ioChoices.get(0));
        var warmupMin = timing.warmupMs != null ? Duration.ofMillis(timing.warmupMs) : config.getDuration("pipeline.warmup");
        require(!warmupMin.isNegative(), "--warmup-ms must be 0 or more");
        var warmupMax = config.getDuration("pipeline.warmup-max");
        var settledShare = config.getDouble("pipeline.warmup-settled-share");
        var warmup = new Warmup(warmupMin, warmupMax.compareTo(warmupMin) < 0 ? warmupMin : warmupMax, settledShare);

        Optional<OutputTarget> target = Optional.empty();
        if (output.dir != null) {
            try {
                Files.createDirectories(output.dir);
            } catch (IOException e) {
                throw new UsageException("cannot create output folder " + output.dir + ": " + e.getMessage());
            }
            target = Optional.of(new OutputTarget(output.dir, outputFormat, output.quality));
        }
        int imagesPerRun = inputSet.sources().size() * repeat;
        // Generous: a run that takes this long is stuck, not slow (the sequential baseline waits out every read).
        var runTimeout = Duration.ofMinutes(5).plus(Duration.ofSeconds(2).plus(reads.latency()).plus(reads.httpTimeout()).multipliedBy(imagesPerRun));
        return new SweepSettings(
                new InputSettings(inputSet, repeat),
                imageSettings,
                new WorkerSettings(workerCounts, threadCount, window, capacity, streamBuffer, workerNice(config)),
                new Variations(List.copyOf(workers.dispatchers), List.copyOf(distributions), ioChoices, controls(config)),
                new FaultSettings(retries, strategy, faultPlan),
                reads,
                target,
                new TimingSettings(warmup, config.getDuration("pipeline.sample-interval"), runTimeout, minRowTime));
    }

    private List<IoDispatcher> ioDispatchers(Config config) {
        var names = images.ioDispatchers != null ? images.ioDispatchers : List.of(config.getString("pipeline.io.dispatcher"));
        return names.stream().map(name -> parse("--io-dispatcher", () -> IoDispatcher.parse(name))).distinct().toList();
    }

    private int workerNice(Config config) {
        int nice = workers.nice != null ? workers.nice : config.getInt("pipeline.worker-nice");
        require(nice >= 0 && nice <= WorkerSettings.MAX_NICE, "--worker-nice must be between 0 and " + WorkerSettings.MAX_NICE + ", got " + nice);
        return nice;
    }

    private List<ControlDispatcher> controls(Config config) {
        var names = workers.controls != null ? workers.controls : List.of(config.getString("pipeline.control"));
        return names.stream().map(name -> parse("--control", () -> ControlDispatcher.parse(name))).distinct().toList();
    }

    private ReadSettings reads(Config config, IoDispatcher dispatcher) {
        var latency = images.ioLatencyMs != null ? Duration.ofMillis(images.ioLatencyMs) : config.getDuration("pipeline.io.latency");
        require(!latency.isNegative(), "--io-latency must be 0 or more, got " + latency.toMillis());
        return new ReadSettings(dispatcher, config.getInt("pipeline.io.readers"), config.getInt("pipeline.read-ahead"),
                config.getInt("pipeline.io.read-batch"), latency, config.getDuration("pipeline.http.timeout"));
    }

    /** Runs a parser of user text, turning its IllegalArgumentException into a usage error for {@code option}. */
    private static <T> T parse(String option, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new UsageException(message);
        }
    }

    static OutputFormat outputFormat(String format) {
        try {
            return OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
    }
}
