package org.pekkolab.imagepipeline.runtime;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.settings.UsageException;

/**
 * The actor system of one JVM. Dispatcher presets come from
 * {@code pipeline.dispatchers}; for every preset and thread count a copy sized to that many
 * threads ({@link DispatcherPresets#sized}) is added under {@code pipeline.run-dispatchers}, so
 * that each run's workers get exactly as many threads as the ExecutorService row they are
 * compared with.
 */
public final class PipelineSystem implements AutoCloseable {

    /** The most workers one node runs in one run: dispatchers of every size up to it exist on every node. */
    public static final int MAX_WORKERS = 64;

    private final ActorSystem<SpawnProtocol.Command> system;
    private final AtomicLong actorIds = new AtomicLong();

    /** @throws UsageException when a dispatcher preset of the configuration cannot be made, before anything runs on it */
    public PipelineSystem(Config config, List<String> presets, List<Integer> threadCounts) {
        system = ActorSystem.create(SpawnProtocol.create(), "pipeline", withRunDispatchers(config, presets, threadCounts));
        if (!threadCounts.isEmpty()) {
            presets.forEach(preset -> checkInstantiable(config, preset, threadCounts.get(0)));
        }
    }

    /** Pekko makes a dispatcher when it is first used: made here, a preset's mistake stops the command before its first row. */
    private void checkInstantiable(Config config, String preset, int threads) {
        try {
            system.classicSystem().dispatchers().lookup(RunDispatchers.path(preset, threads));
        } catch (RuntimeException e) {
            system.terminate();
            var origin = config.getValue(DispatcherPresets.PATH + ".\"" + preset + "\"").origin().description();
            throw new UsageException("dispatcher preset '" + preset + "' (" + origin + ") cannot be used: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** A node of a cluster, ready for any preset and any worker count up to {@link #MAX_WORKERS}. */
    public static PipelineSystem forClusterNode(Config config) {
        var counts = IntStream.rangeClosed(1, MAX_WORKERS).boxed().toList();
        return new PipelineSystem(config, presetNames(config), counts);
    }

    /** Names of the dispatcher presets a configuration offers. */
    public static List<String> presetNames(Config config) {
        return config.getConfig(DispatcherPresets.PATH).root().keySet().stream().sorted().toList();
    }

    private static Config withRunDispatchers(Config config, List<String> presets, List<Integer> threadCounts) {
        var result = config;
        for (var preset : presets) {
            for (int threads : threadCounts) {
                result = result.withValue(RunDispatchers.path(preset, threads), DispatcherPresets.sized(config, preset, threads));
            }
        }
        return result.resolve();
    }

    /** What each of the sweep's dispatcher presets runs on in this JVM. */
    public Map<String, Report.Dispatcher> dispatchers(SweepSettings settings) {
        return DispatcherPresets.describe(system.settings().config(), settings.compared().dispatchers(), settings.workers());
    }

    public ActorSystem<SpawnProtocol.Command> system() {
        return system;
    }

    public String address() {
        return system.address().toString();
    }

    /**
     * Spawns a top-level actor that will send one reply, and waits for that reply.
     *
     * @param props where it runs (its dispatcher)
     * @throws TimeoutException when no reply came within {@code timeout}
     */
    public <T, C> T spawnAndAwait(String name, Function<ActorRef<T>, Behavior<C>> behavior, Props props, Duration timeout)
            throws TimeoutException, InterruptedException {
        return await(AskPattern.ask(
                system,
                replyTo -> new SpawnProtocol.Spawn<C>(behavior.apply(replyTo), uniqueName(name), props, system.ignoreRef()),
                timeout,
                system.scheduler()), timeout);
    }

    /** Spawns a top-level actor with a unique name made from {@code name} and returns its reference. */
    public <T> ActorRef<T> spawn(String name, Behavior<T> behavior) throws TimeoutException, InterruptedException {
        return spawnNamed(uniqueName(name), behavior);
    }

    /** Spawns a top-level actor under exactly this name and returns its reference. */
    public <T> ActorRef<T> spawnNamed(String name, Behavior<T> behavior) throws TimeoutException, InterruptedException {
        var timeout = Duration.ofSeconds(10);
        return await(AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(
                system,
                replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo),
                timeout,
                system.scheduler()), timeout);
    }

    private String uniqueName(String name) {
        return name + "-" + actorIds.incrementAndGet();
    }

    private static <T> T await(CompletionStage<T> reply, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return reply.toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeoutException) {
                throw timeoutException;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Shutting down anyway: nothing useful to do with a slow termination.
        }
    }
}
