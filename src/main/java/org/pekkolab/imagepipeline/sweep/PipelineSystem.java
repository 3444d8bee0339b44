package org.pekkolab.imagepipeline.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The actor system of one invocation. Dispatcher presets come from {@code pipeline.dispatchers};
 * for every preset and worker count of the sweep a copy sized to that many threads is added under
 * {@code pipeline.run-dispatchers}, so that each run's workers get exactly as many threads as the
 * ExecutorService row it is compared with.
 */
public final class PipelineSystem implements AutoCloseable {

    private static final String PRESETS = "pipeline.dispatchers";
    private static final String RUN_DISPATCHERS = "pipeline.run-dispatchers";

    private final ActorSystem<SpawnProtocol.Command> system;
    private final AtomicLong actorIds = new AtomicLong();

    public PipelineSystem(Config config, List<String> presets, List<Integer> threadCounts) {
        var resolved = withRunDispatchers(config, presets, threadCounts);
        system = ActorSystem.create(SpawnProtocol.create(), "pipeline", resolved);
    }

    /** Names of the dispatcher presets a configuration offers. */
    public static List<String> presetNames(Config config) {
        return config.getConfig(PRESETS).root().keySet().stream().sorted().toList();
    }

    /** The config path of a preset's copy with {@code threads} threads. */
    public static String dispatcherPath(String preset, int threads) {
        return RUN_DISPATCHERS + ".\"" + preset + "-" + threads + "\"";
    }

    private static Config withRunDispatchers(Config config, List<String> presets, List<Integer> threadCounts) {
        var result = config;
        for (var preset : presets) {
            var presetConfig = config.getConfig(PRESETS + ".\"" + preset + "\"");
            for (int threads : threadCounts) {
                var sized = ConfigFactory.parseString("""
                        fork-join-executor { parallelism-min = %1$d, parallelism-max = %1$d }
                        thread-pool-executor { fixed-pool-size = %1$d }
                        """.formatted(threads));
                result = result.withValue(dispatcherPath(preset, threads), sized.withFallback(presetConfig).root());
            }
        }
        return result.resolve();
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
     * @throws TimeoutException when no reply came within {@code timeout}
     */
    public <T, C> T spawnAndAwait(String name, Function<ActorRef<T>, Behavior<C>> behavior, Duration timeout)
            throws TimeoutException, InterruptedException {
        return await(AskPattern.ask(
                system,
                replyTo -> new SpawnProtocol.Spawn<C>(behavior.apply(replyTo), uniqueName(name), Props.empty(), system.ignoreRef()),
                timeout,
                system.scheduler()), timeout);
    }

    /** Spawns a top-level actor and returns its reference. */
    public <T> ActorRef<T> spawn(String name, Behavior<T> behavior) throws TimeoutException, InterruptedException {
        var timeout = Duration.ofSeconds(10);
        return await(AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(
                system,
                replyTo -> new SpawnProtocol.Spawn<>(behavior, uniqueName(name), Props.empty(), replyTo),
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
