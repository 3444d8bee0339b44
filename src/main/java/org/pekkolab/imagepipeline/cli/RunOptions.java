package org.pekkolab.imagepipeline.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.node.FilterWorker;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.settings.ConfigLoader;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.InputSet;
import org.pekkolab.imagepipeline.settings.InputSettings;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.settings.Supervision;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.settings.TimingSettings;
import org.pekkolab.imagepipeline.settings.UsageException;
import org.pekkolab.imagepipeline.settings.Variations;
import org.pekkolab.imagepipeline.settings.Warmup;
import org.pekkolab.imagepipeline.settings.WorkerSettings;
import picocli.CommandLine.Option;

/**
 * The options of a sweep and their checks into {@link SweepSettings}: a picocli mixin shared by
 * {@code ./run.sh}, {@code run}, {@code bench} and {@code cluster}. {@link Invocation} runs what they ask for.
 */
final class RunOptions {

    /** Defaults that name project folders resolve against the project, wherever run.sh is called from. */
    private static final Path HOME = Path.of(System.getProperty("pipeline.home", "."));

    @Option(names = {"-i", "--input"}, paramLabel = "DIR",
            description = {"Folder of images (not recursive): jpg, jpeg, png, bmp, gif. Default: the project's",
                "images/.",
                "Example: -i ~/photos"})
    Path input;

    @Option(names = "--source", paramLabel = "FILE",
            description = {"Download the images over HTTP from the URLs in FILE instead of reading a folder: one http",
                "or https URL per line, blank lines and # comments skipped. Not with --input.",
                "Example: --source urls.txt"})
    Path source;

    @Option(names = "--io-latency", paramLabel = "MS",
            description = {"Block every image read (file or URL) this long before it starts, in every row, to study",
                "I/O-bound work. Default: pipeline.io.latency (0).",
                "Example: --io-latency 20"})
    Long ioLatencyMs;

    @Option(names = "--io-dispatcher", paramLabel = "LIST", split = ",",
            description = {"Where the actor runs' image readers block, one run each: blocking (a thread pool of their",
                "own), cpu (the filter workers' dispatcher, whose threads they then take), virtual (virtual",
                "threads, Java 21+). Default: pipeline.io.dispatcher (blocking).",
                "Example: --io-latency 20 --io-dispatcher cpu,blocking"})
    List<String> ioDispatchers;

    @Option(names = "--control", paramLabel = "LIST", split = ",",
            description = {"Where the actor runs' control actors (supervisor, work-pulling producer, metrics) work, one",
                "run each: shared (the filter workers' dispatcher, between images), own (a thread of their own) or",
                "auto (shared for pull runs in one JVM whose dispatcher has a thread per core and moves actors",
                "between threads, where it measured faster; own for the rest). Default: pipeline.control (auto).",
                "Example: -w 1,2 --control shared,own"})
    List<String> controls;

    @Option(names = {"-f", "--filters"}, paramLabel = "LIST", split = ",",
            description = {"Filters applied in order. Default: ${DEFAULT-VALUE}.",
                "Known: grayscale, blur, sobel, sharpen, brightness.",
                "Example: -f grayscale,sobel"},
            defaultValue = "grayscale,blur,sobel,sharpen,brightness")
    List<String> filters;

    @Option(names = {"-w", "--workers"}, paramLabel = "LIST", split = ",", defaultValue = "1,2,4",
            description = {"Worker counts to sweep; each run's dispatcher gets that many threads. Default:",
                "${DEFAULT-VALUE}.",
                "Example: -w 1,2"})
    List<Integer> workers;

    @Option(names = {"-d", "--dispatcher"}, paramLabel = "LIST", split = ",", defaultValue = "fork-join",
            description = {"Dispatcher presets (conf/application.conf, pipeline.dispatchers) to compare. Default:",
                "${DEFAULT-VALUE}.",
                "Example: -d fork-join,thread-pool"})
    List<String> dispatchers;

    @Option(names = "--threads", paramLabel = "N",
            description = {"Threads of each run's dispatcher. Default: the run's worker count. Pinned: one per worker,",
                "whatever this says. virtual-thread on Java 21+: the JVM's carrier threads, one per core",
                "unless JAVA_OPTS sets -Djdk.virtualThreadScheduler.parallelism=N.",
                "Example: -w 2,4,8 --threads 2"})
    Integer threads;

    @Option(names = "--throughput", paramLabel = "N",
            description = {"Images a worker processes per turn before its thread moves on to another worker, for",
                "every dispatcher of the run, pinned excepted. Default: each preset's own (1 as shipped).",
                "Example: --throughput 8"})
    Integer throughput;

    @Option(names = "--mode", paramLabel = "LIST", split = ",", defaultValue = "pull",
            description = {"How images reach workers: pull (work pulling, at most --window per worker) and/or push",
                "(all at once through a round-robin router into the workers' mailboxes). Default:",
                "${DEFAULT-VALUE}.",
                "Example: --mode pull,push"})
    List<String> modes;

    @Option(names = "--mailbox-capacity", paramLabel = "N",
            description = {"Push mode: bound each worker's mailbox to N messages; overflow goes back to the supervisor",
                "and is sent again later (counted). Default: pipeline.push.mailbox-capacity (0 =",
                "unbounded).",
                "Example: --mailbox-capacity 16"})
    Integer mailboxCapacity;

    @Option(names = "--supervision", paramLabel = "STRATEGY",
            description = {"What happens to a worker whose filters threw: restart, resume, stop (replaced by a new",
                "worker) or backoff (restart after a growing pause). Default: pipeline.supervision",
                "(restart).",
                "Example: --supervision backoff"})
    String supervision;

    @Option(names = "--fail-rate", paramLabel = "P", defaultValue = "0",
            description = {"Make the filter chain throw on this share (0-1) of image attempts. Default:",
                "${DEFAULT-VALUE}.",
                "Example: --fail-rate 0.2"})
    double failRate;

    @Option(names = "--slow-rate", paramLabel = "P", defaultValue = "0",
            description = {"Make this share (0-1) of image attempts --slow-ms slower. Default: ${DEFAULT-VALUE}.", "Example: --slow-rate 0.05"})
    double slowRate;

    @Option(names = "--slow-ms", paramLabel = "MS",
            description = {"How much slower a slow attempt is. Default: pipeline.faults.slow (50 ms).", "Example: --slow-ms 200"})
    Long slowMs;

    @Option(names = "--fail-seed", paramLabel = "S", defaultValue = "42",
            description = {"Seed of the injected faults: the same seed fails the same attempts. Default:",
                "${DEFAULT-VALUE}.",
                "Example: --fail-seed 7"})
    long failSeed;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = {"Feed each input image N times (longer runs from a small set). Default: ${DEFAULT-VALUE}.", "Example: --repeat 5"})
    int repeat;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = {"Save the processed images of the last run there (input stem + .png/.jpg). Default: not",
                "saved.",
                "Example: -o /tmp/filtered"})
    Path output;

    @Option(names = "--format", paramLabel = "png|jpg", defaultValue = "png",
            description = {"Encoding of saved images. Default: ${DEFAULT-VALUE}.", "Example: --format jpg"})
    String format;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "90",
            description = {"JPEG quality 1-100 for --format jpg. Default: ${DEFAULT-VALUE}.", "Example: --quality 80"})
    int quality;

    @Option(names = "--report", paramLabel = "DIR",
            description = {"Where report.json, runs.csv, images.csv and the charts go. Default: results/<timestamp>/",
                "in the project.",
                "Example: --report /tmp/report"})
    Path report;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = {"Reject images with more pixels, from their header, before decoding. Default:",
                "pipeline.max-pixels (100000000).",
                "Example: --max-pixels 20000000"})
    Long maxPixels;

    @Option(names = "--max-retries", paramLabel = "N",
            description = {"Retries of an image whose filter chain threw, whatever --supervision does to the worker.",
                "Default: pipeline.max-retries (2).",
                "Example: --max-retries 5"})
    Integer maxRetries;

    @Option(names = "--window", paramLabel = "N",
            description = {"Images each worker may hold, at least 3 (in flight <= workers x window). Default:",
                "pipeline.window (4).",
                "Example: --window 8"})
    Integer window;

    @Option(names = "--warmup-ms", paramLabel = "MS",
            description = {"Least JIT warm-up before timing; it then goes on until the JIT has settled,",
                "for pipeline.warmup-max at most. 0: none. Default: pipeline.warmup (2000 ms).", "Example: --warmup-ms 500"})
    Long warmupMs;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"A HOCON file layered over conf/application.conf (your own dispatcher presets, for",
                "example).",
                "Example: --config my-dispatchers.conf"})
    Path configFile;

    /** The --config file, if one was given. */
    Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    /** Where the report goes: --report, or a folder named after this moment in the project's results/. */
    Path reportDir() {
        return report != null ? report : HOME.resolve("results").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** The configuration ({@link ConfigLoader}), with --throughput over everything. */
    Config loadConfig() {
        require(throughput == null || throughput >= 1, "--throughput must be at least 1, got " + throughput);
        Map<String, Object> overrides = throughput == null ? Map.of() : Map.of(DispatcherPresets.THROUGHPUT, throughput);
        return ConfigLoader.load(configFile(), overrides);
    }

    /** The options checked against each other and the configuration, with the configuration's values where none is given. */
    SweepSettings settings(Config config) {
        require(source == null || input == null, "--source and --input are mutually exclusive: read a URL list or a folder");
        var inputSet = source != null ? InputSet.urlList(source) : InputSet.scan(input != null ? input : HOME.resolve("images"));
        var pixels = maxPixels != null ? maxPixels : config.getLong("pipeline.max-pixels");
        require(pixels >= 1, "--max-pixels must be positive, got " + pixels);
        var imageSettings = parse("--filters", () -> new ImageSettings(filters, pixels));
        var workerCounts = new ArrayList<Integer>();
        for (int count : workers) {
            require(count >= 1 && count <= PipelineSystem.MAX_WORKERS, "--workers: each count must be between 1 and " + PipelineSystem.MAX_WORKERS + ", got " + count);
            if (!workerCounts.contains(count)) {
                workerCounts.add(count);
            }
        }
        var presets = PipelineSystem.presetNames(config);
        for (var dispatcher : dispatchers) {
            require(presets.contains(dispatcher), "--dispatcher: unknown preset '" + dispatcher + "'; known: " + String.join(", ", presets));
        }
        require(config.getInt(DispatcherPresets.THROUGHPUT) >= 0,
                DispatcherPresets.THROUGHPUT + " must be 0 (each preset's own) or more, got " + config.getInt(DispatcherPresets.THROUGHPUT));
        require(repeat >= 1, "--repeat must be at least 1, got " + repeat);
        require(quality >= 1 && quality <= 100, "--quality must be between 1 and 100, got " + quality);
        var outputFormat = outputFormat(format);
        var retries = maxRetries != null ? maxRetries : config.getInt("pipeline.max-retries");
        require(retries >= 0, "--max-retries must be 0 or more, got " + retries);
        var credits = window != null ? window : config.getInt("pipeline.window");
        require(credits >= FilterWorker.MIN_WINDOW, "--window must be at least " + FilterWorker.MIN_WINDOW
                + " (Pekko's flow control asks for more images when half the window is used), got " + credits);
        var threadCount = threads != null ? threads : 0;
        require(threads == null || (threads >= 1 && threads <= PipelineSystem.MAX_WORKERS),
                "--threads must be between 1 and " + PipelineSystem.MAX_WORKERS + ", got " + threads);
        var distributions = new ArrayList<Distribution>();
        for (var mode : modes) {
            var distribution = parse("--mode", () -> Distribution.parse(mode));
            if (!distributions.contains(distribution)) {
                distributions.add(distribution);
            }
        }
        var capacity = mailboxCapacity != null ? mailboxCapacity : config.getInt("pipeline.push.mailbox-capacity");
        require(capacity >= 0, "--mailbox-capacity must be 0 (unbounded) or more, got " + capacity);
        var strategy = parse("--supervision", () -> Supervision.parse(supervision != null ? supervision : config.getString("pipeline.supervision")));
        require(failRate >= 0 && failRate <= 1, "--fail-rate must be between 0 and 1, got " + failRate);
        require(slowRate >= 0 && slowRate <= 1, "--slow-rate must be between 0 and 1, got " + slowRate);
        var slow = slowMs != null ? slowMs : config.getDuration("pipeline.faults.slow").toMillis();
        require(slow >= 0, "--slow-ms must be 0 or more, got " + slow);
        var faults = new FaultPlan(failRate, slowRate, slow, failSeed);
        var ioChoices = ioDispatchers(config);
        var reads = reads(config, ioChoices.get(0));
        var warmupMin = warmupMs != null ? Duration.ofMillis(warmupMs) : config.getDuration("pipeline.warmup");
        require(!warmupMin.isNegative(), "--warmup-ms must be 0 or more");
        var warmupMax = config.getDuration("pipeline.warmup-max");
        var settledShare = config.getDouble("pipeline.warmup-settled-share");
        require(settledShare > 0 && settledShare <= 1, "pipeline.warmup-settled-share must be in (0, 1], got " + settledShare);
        var warmup = new Warmup(warmupMin, warmupMax.compareTo(warmupMin) < 0 ? warmupMin : warmupMax, settledShare);

        Optional<OutputTarget> target = Optional.empty();
        if (output != null) {
            try {
                Files.createDirectories(output);
            } catch (IOException e) {
                throw new UsageException("cannot create output folder " + output + ": " + e.getMessage());
            }
            target = Optional.of(new OutputTarget(output, outputFormat, quality));
        }
        int images = inputSet.sources().size() * repeat;
        // Generous: a run that takes this long is stuck, not slow (the sequential baseline waits out every read).
        var runTimeout = Duration.ofMinutes(5).plus(Duration.ofSeconds(2).plus(reads.latency()).plus(reads.httpTimeout()).multipliedBy(images));
        return new SweepSettings(
                new InputSettings(inputSet, repeat),
                imageSettings,
                new WorkerSettings(workerCounts, threadCount, credits, capacity),
                new Variations(List.copyOf(dispatchers), List.copyOf(distributions), ioChoices, controls(config)),
                new FaultSettings(retries, strategy, faults),
                reads,
                target,
                new TimingSettings(warmup, config.getDuration("pipeline.sample-interval"), runTimeout));
    }

    private List<IoDispatcher> ioDispatchers(Config config) {
        var names = ioDispatchers != null ? ioDispatchers : List.of(config.getString("pipeline.io.dispatcher"));
        return names.stream().map(name -> parse("--io-dispatcher", () -> IoDispatcher.parse(name))).distinct().toList();
    }

    private List<ControlDispatcher> controls(Config config) {
        var names = controls != null ? controls : List.of(config.getString("pipeline.control"));
        return names.stream().map(name -> parse("--control", () -> ControlDispatcher.parse(name))).distinct().toList();
    }

    private ReadSettings reads(Config config, IoDispatcher dispatcher) {
        var latency = ioLatencyMs != null ? Duration.ofMillis(ioLatencyMs) : config.getDuration("pipeline.io.latency");
        require(!latency.isNegative(), "--io-latency must be 0 or more, got " + latency.toMillis());
        int readers = config.getInt("pipeline.io.readers");
        require(readers >= 1, "pipeline.io.readers must be at least 1, got " + readers);
        var timeout = config.getDuration("pipeline.http.timeout");
        require(!timeout.isNegative() && !timeout.isZero(), "pipeline.http.timeout must be positive, got " + timeout);
        return new ReadSettings(dispatcher, readers, config.getInt("pipeline.read-ahead"), latency, timeout);
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
