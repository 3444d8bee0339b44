package org.pekkolab.imagepipeline.bench;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.run.RunPlan;
import org.pekkolab.imagepipeline.run.RunSupervisor;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * Per-image overhead of the actor pipeline: {@link RunSupervisor} with 2 workers on the fork-join preset
 * runs 2000 tiny (8x8 PNG) images through a one-filter chain, so the time is almost all reading, decoding a few
 * bytes and message passing. The same 2000 read-and-process tasks on a plain 2-thread {@link ExecutorService}
 * are the floor. Results are per image (one operation = one run of 2000). {@code control} says where the
 * supervisor, its producer controller and the metrics actor work (--control); the executor ignores it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class MessagingBenchmark {

    static final int DISTINCT = 20;
    static final int REPEAT = 100;
    static final int IMAGES = DISTINCT * REPEAT;
    static final int WORKERS = 2;

    @Param({"shared", "own"})
    public String control;

    private Path dir;
    private List<Path> files;
    private ImageProcessor processor;
    private PipelineSystem system;
    private ActorRef<NodeAgent.Command> localNode;
    private ExecutorService executor;
    private int runs;

    @Setup
    public void setUp() throws IOException, TimeoutException, InterruptedException {
        dir = Files.createTempDirectory("messaging-bench");
        files = new ArrayList<>();
        for (int i = 1; i <= DISTINCT; i++) {
            var file = dir.resolve("tiny-" + i + ".png");
            Files.write(file, ImageEncoder.encodePng(SyntheticImages.generate(8, 8, 7, i)));
            files.add(file);
        }
        processor = new ImageProcessor(new ImageDecoder(), FilterChain.parse("brightness"), Optional.empty());
        system = new PipelineSystem(ConfigFactory.load(), List.of("fork-join"), List.of(WORKERS));
        localNode = NodeAgent.startOn(system, false);
        executor = Executors.newFixedThreadPool(WORKERS);
    }

    @TearDown
    public void tearDown() throws IOException {
        executor.shutdownNow();
        system.close();
        try (Stream<Path> listing = Files.walk(dir)) {
            for (var path : listing.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public RunOutcome actors() throws Exception {
        var spec = WorkerSpec.builder("bench-" + runs++).workers(WORKERS).dispatcher("fork-join", WORKERS)
                .images(new ImageSettings(List.of("brightness"), 100_000_000L)).sampleIntervalMs(1000)
                .control(ControlDispatcher.parse(control)).build();
        var sources = files.stream().<ImageSource>map(ImageSource.LocalFile::new).toList();
        var reads = new ReadSettings(IoDispatcher.BLOCKING, 4, 4, Duration.ZERO, Duration.ofSeconds(10));
        var plan = new RunPlan(sources, REPEAT, spec, List.of(localNode), reads);
        RunOutcome result = system.<RunOutcome, RunSupervisor.Command>spawnAndAwait("supervisor",
                replyTo -> RunSupervisor.create(plan, done -> { }, replyTo),
                spec.controlDispatcher(),
                Duration.ofSeconds(60));
        if (result.processed() != IMAGES) {
            throw new IllegalStateException("processed " + result.processed() + " of " + IMAGES);
        }
        return result;
    }

    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public int executorService() throws Exception {
        var pending = new ArrayList<Future<?>>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            var file = files.get(i % DISTINCT);
            var name = file.getFileName().toString();
            pending.add(executor.submit(() -> processor.process(name, Files.readAllBytes(file), "executor", "local")));
        }
        for (var future : pending) {
            future.get();
        }
        return pending.size();
    }
}
