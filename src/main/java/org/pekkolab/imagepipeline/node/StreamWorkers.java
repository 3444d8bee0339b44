package org.pekkolab.imagepipeline.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SinkRef;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.StreamRefAttributes;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.Supervision;

/**
 * The filter work of a stream run (--mode stream) on one node: a Pekko Streams graph from a
 * {@link SinkRef} that the run's supervisor sends images into, through {@code mapAsyncUnordered} with
 * as many images at once as the run has workers per node, each on the workers' dispatcher, to a
 * {@link SourceRef} the supervisor reads the outcomes from. The stream's demand is the backpressure:
 * the node asks for images only as it finishes them, at most the SinkRef's buffer ahead.
 *
 * <p>An attempt that throws is retried in the same stage, up to {@code --max-retries} times (after a
 * back-off pause with {@code --supervision backoff}, during which no thread waits); each failed attempt is reported, as the actor
 * workers' supervision events are, and an image that fails every attempt is reported failed: nothing
 * escapes the stage, so the stream never fails on an image.
 */
public final class StreamWorkers {

    /** The ends of a node's stream for a run, which the supervisor attaches to; they cross JVMs. */
    public record Ends(SinkRef<ImageJob> images, SourceRef<ImageOutcome> outcomes) implements CborSerializable {}

    /** A running stream: its ends, and the switch that stops it. */
    record Running(Ends ends, UniqueKillSwitch stop) {}

    private final ImageProcessor processor;
    private final FaultSettings settings;
    private final String node;
    private final ActorRef<MetricsCollector.Command> metrics;
    private final OutcomeBatcher outcomeBatcher;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final double backoffRandomFactor;
    /** One per thread of the workers' dispatcher: in a stream the threads are the workers. */
    private final Map<String, ImageAttempts> byThread = new ConcurrentHashMap<>();

    private StreamWorkers(ImageProcessor processor, FaultSettings settings, String node, ActorRef<MetricsCollector.Command> metrics,
            OutcomeBatcher outcomes, Config config) {
        this.processor = processor;
        this.settings = settings;
        this.node = node;
        this.metrics = metrics;
        this.outcomeBatcher = outcomes;
        this.backoffMin = config.getDuration("pipeline.backoff.min");
        this.backoffMax = config.getDuration("pipeline.backoff.max");
        this.backoffRandomFactor = config.getDouble("pipeline.backoff.random-factor");
    }

    /** Starts the stream of a run on this node. */
    static Running start(ActorSystem<?> system, WorkerSpec spec, ImageProcessor processor, String node, ActorRef<MetricsCollector.Command> metrics,
            OutcomeBatcher outcomes) {
        var work = new StreamWorkers(processor, spec.faults(), node, metrics, outcomes, system.settings().config());
        Executor workers = system.dispatchers().lookup(spec.workerDispatcher());
        int buffer = spec.workers().streamBuffer();
        Pair<Pair<SinkRef<ImageJob>, UniqueKillSwitch>, SourceRef<ImageOutcome>> ends = StreamRefs.<ImageJob>sinkRef()
                .addAttributes(StreamRefAttributes.bufferCapacity(buffer))
                .viaMat(KillSwitches.single(), Keep.both())
                .mapAsyncUnordered(spec.workers().count(), job -> work.process(job, 1, new ArrayList<>(), workers))
                .addAttributes(Attributes.inputBuffer(1, 1))
                .toMat(StreamRefs.sourceRef(), Keep.both())
                .run(Materializer.matFromSystem(system));
        return new Running(new Ends(ends.first().first(), ends.second()), ends.first().second());
    }

    /**
     * Every attempt at one image, each on the workers' dispatcher, until one does not throw or none
     * is left: the image's outcomes.
     */
    private CompletionStage<ImageOutcome> process(ImageJob job, int attempt, List<ImageOutcome> outcomes, Executor workers) {
        return CompletableFuture.supplyAsync(() -> attemptOnce(job, attempt, outcomes), workers)
                .thenCompose(done -> done
                        ? CompletableFuture.completedFuture(outcomes.size() == 1 ? outcomes.get(0) : new ImageOutcome.Batch(outcomes))
                        : process(job, attempt + 1, outcomes, nextAttemptOn(attempt, workers)));
    }

    /** One attempt, its outcomes added to {@code outcomes}; true when the image is done with (processed, or failed for good). */
    private boolean attemptOnce(ImageJob job, int attempt, List<ImageOutcome> outcomes) {
        var attempts = byThread.computeIfAbsent(Thread.currentThread().getName(),
                thread -> new ImageAttempts(processor, settings.injected(), "worker@" + thread, node, metrics, outcomeBatcher));
        try {
            outcomes.add(attempts.attempt(job, attempt));
            return true;
        } catch (RuntimeException | Error e) {
            outcomes.add(attempts.attemptFailedOutcome(job));
            if (attempt > settings.maxRetries()) {
                outcomes.add(ImageAttempts.gaveUpOutcome(job, ImageAttempts.describe(e), attempt));
                return true;
            }
            return false;
        }
    }

    /**
     * Where the attempt after {@code attempt} runs: at once, or with back-off supervision after the
     * pause a backed-off actor would take (min, doubling to max, with up to the random factor added),
     * without holding a worker thread meanwhile.
     */
    private Executor nextAttemptOn(int attempt, Executor workers) {
        if (settings.supervision() != Supervision.BACKOFF) {
            return workers;
        }
        long millis = Math.min(backoffMax.toMillis(), backoffMin.toMillis() << Math.min(attempt - 1, 20));
        long pause = millis + (long) (millis * backoffRandomFactor * ThreadLocalRandom.current().nextDouble());
        return CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, workers);
    }
}
