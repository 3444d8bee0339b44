package org.pekkolab.imagepipeline.actors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.metrics.MetricsSnapshot;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.processing.OutputTarget;

/**
 * One per JVM: starts and stops the filter workers of each run on its node, with the node's own
 * metrics actor, and reports what the node did. A worker that stops while its run goes on (the
 * {@code stop} supervision strategy) is replaced, so the run keeps its worker count. It registers
 * with the Receptionist, which is how a supervisor finds the nodes of a cluster; in single mode
 * the supervisor uses the local one.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "pipeline-node");

    public sealed interface Command extends CborSerializable {}

    public record StartWorkers(WorkerSpec spec, ActorRef<WorkersStarted> replyTo) implements Command {}

    public record StopWorkers(String runId, ActorRef<NodeReport> replyTo) implements Command {}

    /** Leave the cluster and stop this JVM (cluster nodes started for one invocation). */
    public record Shutdown() implements Command {}

    /** An image message sent only to be acknowledged: measures what moving it to this node costs. */
    public record Probe(ImageJob job, ActorRef<ProbeAck> replyTo) implements Command {}

    public record ProbeAck(int bytes) implements CborSerializable {}

    private record MetricsCollected(String runId, MetricsSnapshot snapshot, ActorRef<NodeReport> replyTo) implements Command {}

    /** A watched filter worker has terminated, stopped by its supervision or failed outright. */
    private record WorkerStopped(String runId, ActorRef<FilterWorker.Command> ref) implements Command {}

    public record WorkersStarted(String runId, String address, long pid, ActorRef<Command> agent) implements CborSerializable {}

    public record NodeReport(String runId, MetricsSnapshot snapshot) implements CborSerializable {}

    /** @param exitOnShutdown whether {@link Shutdown} stops the actor system (node JVMs) or is ignored */
    public static Behavior<Command> create(boolean exitOnShutdown) {
        return create(exitOnShutdown, NodeAgent::processor);
    }

    /** With the per-image work made by {@code processors} from each run's spec (tests inject faults this way). */
    public static Behavior<Command> create(boolean exitOnShutdown, Function<WorkerSpec, ImageProcessor> processors) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
            return new NodeAgent(context, exitOnShutdown, processors);
        });
    }

    /** @param workers the live filter workers, each with its name (kept by a replacement) */
    private record RunOnNode(
            ActorRef<MetricsCollector.Command> metrics,
            FilterWorker.Settings settings,
            DispatcherSelector dispatcher,
            Map<ActorRef<FilterWorker.Command>, String> workers) {}

    private final boolean exitOnShutdown;
    private final Function<WorkerSpec, ImageProcessor> processors;
    private final String address;
    private final Map<String, RunOnNode> runs = new HashMap<>();
    /** Makes each replacement's actor name unique. */
    private long replacements;

    private NodeAgent(ActorContext<Command> context, boolean exitOnShutdown, Function<WorkerSpec, ImageProcessor> processors) {
        super(context);
        this.exitOnShutdown = exitOnShutdown;
        this.processors = processors;
        this.address = context.getSystem().address().toString();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartWorkers.class, this::onStart)
                .onMessage(StopWorkers.class, this::onStop)
                .onMessage(MetricsCollected.class, this::onMetricsCollected)
                .onMessage(WorkerStopped.class, this::onWorkerStopped)
                .onMessage(Shutdown.class, this::onShutdown)
                .onMessage(Probe.class, probe -> {
                    probe.replyTo().tell(new ProbeAck(probe.job().encoded().length));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onStart(StartWorkers start) {
        var spec = start.spec();
        var context = getContext();
        var metrics = context.spawn(MetricsCollector.create(address, Duration.ofMillis(spec.sampleIntervalMs())), spec.runId() + "-metrics");
        ServiceKey<ConsumerController.Command<ImageJob>> serviceKey = workerKey(spec.runId());
        var settings = new FilterWorker.Settings(serviceKey, processors.apply(spec), spec.maxRetries(), spec.window(), address, metrics,
                spec.reportStarts(), spec.supervision(), spec.faults(), new AttemptLedger());
        var dispatcher = DispatcherSelector.fromConfig(dispatcherPath(spec.dispatcher(), spec.threads()));
        var run = new RunOnNode(metrics, settings, dispatcher, new HashMap<>());
        for (int i = 1; i <= spec.workers(); i++) {
            spawnWorker(spec.runId(), run, "worker-" + i, spec.runId() + "-worker-" + i);
        }
        runs.put(spec.runId(), run);
        start.replyTo().tell(new WorkersStarted(spec.runId(), address, ProcessHandle.current().pid(), context.getSelf()));
        return this;
    }

    private Behavior<Command> onStop(StopWorkers stop) {
        var run = runs.remove(stop.runId());
        if (run == null) {
            return this;
        }
        run.workers().keySet().forEach(getContext()::stop);
        getContext().ask(MetricsSnapshot.class, run.metrics(), Duration.ofSeconds(10), MetricsCollector.Finish::new,
                (snapshot, failure) -> new MetricsCollected(stop.runId(), snapshot, stop.replyTo()));
        return this;
    }

    /** Watched, so that a worker that stops while its run goes on is replaced. */
    private void spawnWorker(String runId, RunOnNode run, String worker, String actorName) {
        var ref = getContext().spawn(FilterWorker.create(worker, run.settings()), actorName, run.dispatcher());
        getContext().watchWith(ref, new WorkerStopped(runId, ref));
        run.workers().put(ref, worker);
    }

    /**
     * A worker stopped by {@link Supervision#STOP} (or failed with an error no strategy handles):
     * the producer re-sends its unconfirmed images to the other workers, and a replacement with
     * the same settings and attempt ledger keeps the run at its worker count. Workers stopped by
     * {@link StopWorkers} are not replaced, their run is over.
     */
    private Behavior<Command> onWorkerStopped(WorkerStopped stopped) {
        var run = runs.get(stopped.runId());
        var worker = run == null ? null : run.workers().remove(stopped.ref());
        if (worker != null) {
            spawnWorker(stopped.runId(), run, worker, stopped.runId() + "-" + worker + "-" + (++replacements));
        }
        return this;
    }

    private Behavior<Command> onMetricsCollected(MetricsCollected collected) {
        if (collected.snapshot() != null) {
            collected.replyTo().tell(new NodeReport(collected.runId(), collected.snapshot()));
        }
        return this;
    }

    private Behavior<Command> onShutdown(Shutdown shutdown) {
        if (exitOnShutdown) {
            CoordinatedShutdown.get(getContext().getSystem()).runAll(CoordinatedShutdown.clusterLeavingReason());
        }
        return this;
    }

    public static ServiceKey<ConsumerController.Command<ImageJob>> workerKey(String runId) {
        return ServiceKey.create(ConsumerController.serviceKeyClass(), "filter-workers-" + runId);
    }

    /** The config path of a preset's copy sized to {@code threads} threads (see PipelineSystem). */
    public static String dispatcherPath(String preset, int threads) {
        return "pipeline.run-dispatchers.\"" + preset + "-" + threads + "\"";
    }

    /** The per-image work a spec asks for: its filters, its size limit, its output. */
    public static ImageProcessor processor(WorkerSpec spec) {
        Optional<OutputTarget> output = spec.outputDir().isEmpty()
                ? Optional.empty()
                : Optional.of(new OutputTarget(Path.of(spec.outputDir()), OutputFormat.parse(spec.outputFormat()), spec.quality()));
        return new ImageProcessor(new ImageDecoder(spec.maxPixels()), FilterChain.parse(String.join(",", spec.filters())), output);
    }
}
