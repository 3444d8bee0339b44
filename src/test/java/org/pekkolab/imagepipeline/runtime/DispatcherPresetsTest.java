package org.pekkolab.imagepipeline.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.dispatch.Dispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.run.RunSupervisor;
import org.pekkolab.imagepipeline.run.TestPlans;
import org.pekkolab.imagepipeline.settings.InputSet;
import org.pekkolab.imagepipeline.settings.SweepSettings;

/** Every dispatcher preset on a real actor system: it starts, processes images, and gets the threads and throughput asked for. */
class DispatcherPresetsTest {

    private static final Config CONFIG = ConfigFactory.load();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WORKERS = 2;

    @TempDir
    static Path inputs;

    private static List<Path> files;
    /** Every preset, sized to one thread and to as many threads as workers. */
    private static PipelineSystem system;
    private static ActorRef<NodeAgent.Command> localNode;
    private static int runs;

    @BeforeAll
    static void start() throws IOException, TimeoutException, InterruptedException {
        files = SyntheticImages.writeAll(inputs, 4, 48, 32, 7, OutputFormat.PNG, 90);
        system = new PipelineSystem(CONFIG, presets(), List.of(1, WORKERS));
        localNode = NodeAgent.startOn(system, false);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    static List<String> presets() {
        return PipelineSystem.presetNames(CONFIG);
    }

    @Test
    void theProjectOffersEveryPresetOfTheIssue() {
        assertEquals(List.of("affinity-pool", "fork-join", "pinned", "thread-pool", "virtual-thread"), presets());
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetStartsAndProcessesImagesOnItsOwnThreads(String preset) throws TimeoutException, InterruptedException {
        var outcome = run(preset, WORKERS, 3);

        assertEquals(12, outcome.processed());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.failures().isEmpty(), "failures: " + outcome.failures());
        assertEquals(12, outcome.timings().size());
        if (!runsOnVirtualThreads(preset)) {
            var copy = RunDispatchers.path(preset, WORKERS);
            assertTrue(outcome.timings().stream().allMatch(timing -> timing.thread().contains(copy)),
                    "threads outside " + copy + ": " + threads(outcome));
        }
    }

    @ParameterizedTest
    @MethodSource("presets")
    void oneThreadMeansOneThreadExceptForPinnedAndVirtualThreads(String preset) throws TimeoutException, InterruptedException {
        var outcome = run(preset, 1, 4);

        assertEquals(16, outcome.processed());
        var threadsByWorker = outcome.timings().stream()
                .collect(Collectors.groupingBy(ImageTiming::worker, Collectors.mapping(ImageTiming::thread, Collectors.toSet())));
        if (preset.equals("pinned")) {
            threadsByWorker.values().forEach(threads -> assertEquals(1, threads.size(), "a pinned worker keeps its thread: " + threads));
            assertEquals(threadsByWorker.size(), threads(outcome).size(), "no two pinned workers share a thread: " + threadsByWorker);
        } else if (!runsOnVirtualThreads(preset)) {
            assertEquals(1, threads(outcome).size(), "threads: " + threads(outcome));
        }
    }

    @Test
    void threadsSizeEveryExecutorType() {
        var config = system.system().settings().config();
        for (int threads : List.of(1, WORKERS)) {
            assertEquals(threads, config.getInt(RunDispatchers.path("fork-join", threads) + ".fork-join-executor.parallelism-min"));
            assertEquals(threads, config.getInt(RunDispatchers.path("fork-join", threads) + ".fork-join-executor.parallelism-max"));
            assertEquals(threads, config.getInt(RunDispatchers.path("thread-pool", threads) + ".thread-pool-executor.fixed-pool-size"));
            assertEquals(threads, config.getInt(RunDispatchers.path("affinity-pool", threads) + ".affinity-pool-executor.parallelism-min"));
            assertEquals(threads, config.getInt(RunDispatchers.path("affinity-pool", threads) + ".affinity-pool-executor.parallelism-max"));
            assertEquals(threads, config.getInt(RunDispatchers.path("virtual-thread", threads) + ".fork-join-executor.parallelism-max"),
                    "the fallback of the virtual-thread executor is sized");
            assertFalse(config.hasPath(RunDispatchers.path("pinned", threads) + ".thread-pool-executor.fixed-pool-size"),
                    "a pinned dispatcher has one thread per actor: nothing to size");
        }
        assertEquals(1, config.getInt(RunDispatchers.path("affinity-pool", WORKERS) + ".affinity-pool-executor.idle-cpu-level"),
                "the preset's own settings stay in the copy");
    }

    @Test
    void presetsKeepTheirThroughputUnlessTheInvocationSetsOne() throws TimeoutException, InterruptedException {
        var config = CONFIG.withValue(DispatcherPresets.THROUGHPUT, ConfigValueFactory.fromAnyRef(7));
        try (var overridden = new PipelineSystem(config, presets(), List.of(WORKERS))) {
            for (var preset : presets()) {
                if (!preset.equals("pinned")) {
                    assertEquals(1, throughputOf(system, preset, WORKERS), preset);
                    assertEquals(7, throughputOf(overridden, preset, WORKERS), preset);
                }
            }
            assertEquals(Integer.MAX_VALUE, throughputOf(overridden, "pinned", WORKERS), "a pinned actor processes all it has");
        }
    }

    @Test
    void describesWhatEachPresetRunsOn() {
        var described = system.dispatchers(settings(List.of("pinned", "thread-pool", "virtual-thread"), List.of(1, 4), 2));

        assertEquals(List.of("pinned", "thread-pool", "virtual-thread"), List.copyOf(described.keySet()));
        var pinned = described.get("pinned");
        assertEquals("PinnedDispatcher", pinned.type());
        assertEquals(Map.of(1, 1, 4, 4), pinned.threads(), "one thread per worker, whatever --threads says");
        assertNull(pinned.throughput());
        var threadPool = described.get("thread-pool");
        assertEquals("thread-pool-executor", threadPool.runsOn());
        assertEquals(Map.of(1, 2, 4, 2), threadPool.threads());
        assertEquals("2 threads", threadPool.threadsText());
        assertEquals(1, threadPool.throughput().intValue());
        assertNull(threadPool.note());
        assertNull(DispatcherPresets.fallbackNotice("thread-pool", threadPool));
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualThreadsFallBackPlainlyBeforeJava21() {
        var virtual = system.dispatchers(settings(List.of("virtual-thread"), List.of(1, 2), 0)).get("virtual-thread");

        assertEquals("virtual-thread-executor", virtual.executor());
        assertEquals("fork-join-executor", virtual.runsOn());
        assertEquals(Map.of(1, 1, 2, 2), virtual.threads());
        int java = Runtime.version().feature();
        assertEquals("virtual-thread: Java " + java + " has no virtual threads; it runs on its fallback fork-join-executor (1, 2 threads for 1, 2 workers)",
                DispatcherPresets.fallbackNotice("virtual-thread", virtual));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsRunOnTheJvmSchedulerFromJava21() {
        var virtual = system.dispatchers(settings(List.of("virtual-thread"), List.of(1, 2), 0)).get("virtual-thread");

        assertEquals("virtual-thread-executor", virtual.runsOn());
        assertTrue(virtual.note().contains("carrier thread"), virtual.note());
        assertNull(DispatcherPresets.fallbackNotice("virtual-thread", virtual));
    }

    private static boolean runsOnVirtualThreads(String preset) {
        return preset.equals("virtual-thread") && DispatcherPresets.virtualThreads();
    }

    /** The throughput Pekko gave the dispatcher of a run with {@code threads} threads. */
    private static int throughputOf(PipelineSystem on, String preset, int threads) {
        var dispatcher = Adapter.toClassic(on.system()).dispatchers().lookup(RunDispatchers.path(preset, threads));
        return ((Dispatcher) dispatcher).throughput();
    }

    private static List<String> threads(RunOutcome outcome) {
        return outcome.timings().stream().map(ImageTiming::thread).distinct().sorted().toList();
    }

    private static RunOutcome run(String preset, int threads, int repeat) throws TimeoutException, InterruptedException {
        var spec = WorkerSpec.builder("dispatch-" + (++runs)).workers(WORKERS).dispatcher(preset, threads).build();
        var plan = TestPlans.plan(files, repeat, spec, List.of(localNode));
        return system.spawnAndAwait("supervisor", replyTo -> RunSupervisor.create(plan, done -> { }, replyTo),
                spec.controlDispatcher(), TIMEOUT);
    }

    private static SweepSettings settings(List<String> dispatchers, List<Integer> workerCounts, int threads) {
        return SweepSettings.builder(InputSet.scan(inputs)).filters("grayscale").workers(workerCounts.toArray(Integer[]::new)).threads(threads)
                .dispatchers(dispatchers.toArray(String[]::new)).build();
    }
}
