package org.pekkolab.imagepipeline.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.mailbox.MailboxMeters;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.MailboxStats;
import org.pekkolab.imagepipeline.results.MetricsSnapshot;
import org.pekkolab.imagepipeline.run.PipelineSupervisor;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.Supervision;

/**
 * One per JVM: starts and stops the filter workers of each run on its node (pull or push), with
 * the node's own metrics actor, and reports what the node did. A worker that stops while its run
 * goes on (the {@code stop} supervision strategy) is replaced, so the run keeps its worker count.
 * It registers with the Receptionist, which is how a supervisor finds the nodes of a cluster; in
 * single mode the supervisor uses the local one.
 *
 * <p>In push mode it also keeps images from being lost on its node: every push image that ends in
 * this JVM's dead letters (refused by a full mailbox, left in the mailbox of a worker that stopped,
 * sent to the router before it had routees, dropped by a full send queue to another node) is sent
 * back to its supervisor as {@link PipelineSupervisor.Undelivered}. There must be one node agent
 * per actor system, as {@link #startOn} makes it, or dead letters would be returned twice.
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

    private record MetricsCollected(String runId, MetricsSnapshot snapshot, MailboxStats mailboxes, ActorRef<NodeReport> replyTo)
            implements Command {}

    private record DeadLetterSeen(AllDeadLetters event) implements Command {}

    /** A watched worker has terminated: stopped by its supervision, failed outright, or stopped with its run. */
    private record WorkerStopped(String runId, int index, ActorRef<?> worker) implements Command {}

    public record WorkersStarted(String runId, String address, long pid, ActorRef<Command> agent) implements CborSerializable {}

    /** @param mailboxes what the push workers' mailboxes measured; nothing in pull mode */
    public record NodeReport(String runId, MetricsSnapshot snapshot, MailboxStats mailboxes) implements CborSerializable {}

    /** The agent's name is fixed: conf/cluster.conf routes large messages by this path. */
    public static final String NAME = "node-agent";

    /**
     * Starts this JVM's node agent, one per actor system.
     *
     * @param exitOnShutdown whether the agent may stop this JVM's actor system when the
     *     coordinator says so (cluster nodes), or not (the coordinator, single mode)
     */
    public static ActorRef<Command> startOn(PipelineSystem system, boolean exitOnShutdown) throws TimeoutException, InterruptedException {
        return system.spawnNamed(NAME, create(exitOnShutdown));
    }

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

    /**
     * One run on this node: its metrics actor and its live workers by index (a replacement keeps
     * the index and the worker name); workers that stopped during the run left their mailbox stats.
     */
    private static final class RunOnNode {
        final String runId;
        final ActorRef<MetricsCollector.Command> metrics;
        /** Spawns the worker of an index under an actor name. */
        final BiFunction<Integer, String, ActorRef<?>> spawner;
        final Map<Integer, ActorRef<?>> workers = new HashMap<>();
        MailboxStats retired = MailboxStats.NONE;
        int spawned;

        RunOnNode(String runId, ActorRef<MetricsCollector.Command> metrics, BiFunction<Integer, String, ActorRef<?>> spawner) {
            this.runId = runId;
            this.metrics = metrics;
            this.spawner = spawner;
        }
    }

    /** The mailbox of every push worker: pipeline.push.mailbox in conf/application.conf. */
    private static final String PUSH_MAILBOX = "pipeline.push.mailbox";

    private final boolean exitOnShutdown;
    private final Function<WorkerSpec, ImageProcessor> processors;
    private final String address;
    private final Map<String, RunOnNode> runs = new HashMap<>();
    private final MailboxMeters mailboxMeters;

    private NodeAgent(ActorContext<Command> context, boolean exitOnShutdown, Function<WorkerSpec, ImageProcessor> processors) {
        super(context);
        this.exitOnShutdown = exitOnShutdown;
        this.processors = processors;
        this.address = context.getSystem().address().toString();
        this.mailboxMeters = MailboxMeters.get(context.getSystem());
        context.getSystem().eventStream().tell(new EventStream.Subscribe<>(
                AllDeadLetters.class, context.messageAdapter(AllDeadLetters.class, DeadLetterSeen::new)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartWorkers.class, this::onStart)
                .onMessage(StopWorkers.class, this::onStop)
                .onMessage(MetricsCollected.class, this::onMetricsCollected)
                .onMessage(DeadLetterSeen.class, this::onDeadLetter)
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
        var metrics = context.spawn(MetricsCollector.create(address, Duration.ofMillis(spec.sampleIntervalMs())), spec.runId() + "-metrics",
                spec.controlDispatcher());
        var dispatcher = spec.workerDispatcher();
        var run = new RunOnNode(spec.runId(), metrics, spec.workers().distribution() == Distribution.PUSH
                ? pushWorkers(spec, metrics, dispatcher) : pullWorkers(spec, metrics, dispatcher));
        runs.put(spec.runId(), run);
        for (int i = 1; i <= spec.workers().count(); i++) {
            spawnWorker(run, i);
        }
        start.replyTo().tell(new WorkersStarted(spec.runId(), address, ProcessHandle.current().pid(), context.getSelf()));
        return this;
    }

    /** Filter workers that pull through reliable delivery; the run's attempt ledger is shared by all of them. */
    private BiFunction<Integer, String, ActorRef<?>> pullWorkers(WorkerSpec spec, ActorRef<MetricsCollector.Command> metrics,
            DispatcherSelector dispatcher) {
        var settings = new FilterWorker.Settings(workerKey(spec.runId()), processors.apply(spec), spec.faults(), spec.workers().window(), address,
                metrics, spec.workers().reportStarts(), new AttemptLedger());
        return (index, actorName) -> getContext().spawn(FilterWorker.create("worker-" + index, settings), actorName, dispatcher);
    }

    /** Push workers, each in a metered mailbox of the run's capacity (pipeline.push.mailbox). */
    private BiFunction<Integer, String, ActorRef<?>> pushWorkers(WorkerSpec spec, ActorRef<MetricsCollector.Command> metrics,
            DispatcherSelector dispatcher) {
        var settings = new PushWorker.Settings(pushKey(spec.runId()), processors.apply(spec), spec.faults(), address, metrics,
                spec.workers().reportStarts());
        var props = dispatcher.withMailboxFromConfig(PUSH_MAILBOX);
        return (index, actorName) -> {
            mailboxMeters.assign(getContext().getSelf().path().child(actorName), spec.workers().mailboxCapacity());
            return getContext().spawn(PushWorker.create("worker-" + index, settings), actorName, props);
        };
    }

    /** Watched, so that a worker that stops while its run goes on is replaced. */
    private void spawnWorker(RunOnNode run, int index) {
        var worker = run.spawner.apply(index, run.runId + "-worker-" + (++run.spawned));
        getContext().watchWith(worker, new WorkerStopped(run.runId, index, worker));
        run.workers.put(index, worker);
    }

    /**
     * A worker stopped by {@link Supervision#STOP} (or failed with an error no strategy handles):
     * a pull worker's unconfirmed images go back to the producer, a push worker's mailbox to the
     * dead letters and from there to the supervisor; a replacement with the same settings (and
     * attempt ledger) keeps the run at its worker count. Workers stopped by {@link StopWorkers} are
     * not replaced, their run is over.
     */
    private Behavior<Command> onWorkerStopped(WorkerStopped stopped) {
        var run = runs.get(stopped.runId());
        if (run != null && stopped.worker().equals(run.workers.get(stopped.index()))) {
            run.retired = run.retired.plus(mailboxMeters.take(stopped.worker().path()));
            spawnWorker(run, stopped.index());
        }
        return this;
    }

    private Behavior<Command> onStop(StopWorkers stop) {
        var run = runs.remove(stop.runId());
        if (run == null) {
            return this;
        }
        var mailboxes = run.retired;
        for (var worker : run.workers.values()) {
            mailboxes = mailboxes.plus(mailboxMeters.take(worker.path()));
            getContext().stop(worker);
        }
        var measured = mailboxes;
        getContext().ask(MetricsSnapshot.class, run.metrics, Duration.ofSeconds(10), MetricsCollector.Finish::new,
                (snapshot, failure) -> new MetricsCollected(stop.runId(), snapshot, measured, stop.replyTo()));
        return this;
    }

    private Behavior<Command> onMetricsCollected(MetricsCollected collected) {
        if (collected.snapshot() != null) {
            collected.replyTo().tell(new NodeReport(collected.runId(), collected.snapshot(), collected.mailboxes()));
        }
        return this;
    }

    /** A push image in this JVM's dead letters goes back to its supervisor, to be sent again. */
    private Behavior<Command> onDeadLetter(DeadLetterSeen seen) {
        var event = seen.event();
        // Artery publishes a Dropped and a DeadLetter for a message its send queue refuses: take the DeadLetter.
        boolean undelivered = event instanceof DeadLetter
                || event instanceof Dropped dropped && dropped.recipient() != null && dropped.recipient().path().address().hasLocalScope();
        if (undelivered && event.message() instanceof PushWorker.Attempt attempt) {
            attempt.job().replyTo().tell(new PipelineSupervisor.Undelivered(attempt.job().id(), attempt.number()));
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

    public static ServiceKey<PushWorker.Command> pushKey(String runId) {
        return ServiceKey.create(PushWorker.Command.class, "push-workers-" + runId);
    }


    /** The per-image work a spec asks for: its filters, its size limit, its output. */
    public static ImageProcessor processor(WorkerSpec spec) {
        return new ImageProcessor(new ImageDecoder(spec.images().maxPixels()), spec.images().chain(), spec.output());
    }
}
