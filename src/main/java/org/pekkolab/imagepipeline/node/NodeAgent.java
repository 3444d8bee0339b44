package org.pekkolab.imagepipeline.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.mailbox.MailboxMeters;
import org.pekkolab.imagepipeline.probes.EpochClock;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.processing.WorkerPriority;
import org.pekkolab.imagepipeline.results.MailboxStats;
import org.pekkolab.imagepipeline.results.MetricsSnapshot;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.settings.Supervision;

/**
 * One per JVM: starts and stops the filter workers of each run on its node (pull or push), with
 * the node's own metrics actor for the run, and reports what the node did. A worker that stops
 * while its run goes on (the {@code stop} supervision strategy) is replaced, so the run keeps its
 * worker count. It registers with the Receptionist, which is how a supervisor finds the nodes of a
 * cluster, those that join during a run included; in single mode the supervisor uses the local one.
 *
 * <p>A cluster node that is asked to leave (SIGTERM or Ctrl-C: Pekko's coordinated shutdown)
 * stops its workers before it leaves the cluster and tells each run's supervisor at once, with
 * what it did, so that the images it held go to other nodes without waiting for failure detection.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "pipeline-node");

    /** The agent's name is fixed: conf/cluster.conf routes large messages by this path. */
    public static final String NAME = "node-agent";

    public sealed interface Command extends CborSerializable {}

    public record StartWorkers(WorkerSpec spec, ActorRef<Reply> replyTo) implements Command {}

    public record StopWorkers(String runId, ActorRef<Reply> replyTo) implements Command {}

    /** The run's clock starts: the node's figures for the run count from now. */
    public record ClockStarted(String runId) implements Command {}

    /**
     * The supervisor is handing out the run's last images: the node's outcomes go at once from now
     * on, so that the supervisor sees who holds what as it shares them out, and the end waits for no batch.
     */
    public record RunEnding(String runId) implements Command {}

    /** Asks for this node's clock, to put its figures on the supervisor's time line. */
    public record ReadClock(ActorRef<Reply> replyTo) implements Command {}

    /** Leave the cluster and stop this JVM (cluster nodes started for one invocation). */
    public record Shutdown() implements Command {}

    /** An image message sent only to be acknowledged: measures what moving it to this node costs. */
    public record Probe(ImageJob job, ActorRef<ProbeAck> replyTo) implements Command {}

    public record ProbeAck(int bytes) implements CborSerializable {}

    /** Coordinated shutdown is under way: stop every run's workers and tell the supervisors. */
    private record HandBack(ActorRef<Done> replyTo) implements Command {}

    private record Collected(NodeRun run, MetricsSnapshot snapshot, MailboxStats mailboxes, ActorRef<Reply> replyTo) implements Command {}

    private record HandedBack(String runId) implements Command {}

    /** A watched worker has terminated: stopped by its supervision, failed outright, or stopped with its run. */
    private record WorkerStopped(String runId, int index, ActorRef<?> worker) implements Command {}

    /** What a node agent tells a run's supervisor. */
    public sealed interface Reply extends CborSerializable {}

    /** @param stream stream mode: the ends of the node's stream; null otherwise */
    public record WorkersStarted(String runId, String address, long pid, ActorRef<Command> agent, StreamWorkers.Ends stream) implements Reply {}

    /** @param micros the node's {@link EpochClock} when it answered */
    public record ClockRead(ActorRef<Command> agent, long micros) implements Reply {}

    /** @param mailboxes what the push workers' mailboxes measured; nothing in pull mode */
    public record NodeReport(String runId, MetricsSnapshot snapshot, MailboxStats mailboxes) implements Reply {}

    /** The node is leaving the cluster: its workers have stopped; the supervisor acknowledges. */
    public record Leaving(NodeReport report, ActorRef<Done> replyTo) implements Reply {}

    /** How long a leaving node waits for the supervisors to take its images back. */
    private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(4);

    /**
     * Starts this JVM's node agent, one per actor system.
     *
     * @param exitOnShutdown whether the agent may stop this JVM's actor system when the coordinator
     *     says so, and hands its images back when it is stopped (cluster nodes), or not (the
     *     coordinator, single mode)
     */
    public static ActorRef<Command> startOn(PipelineSystem system, boolean exitOnShutdown) throws TimeoutException, InterruptedException {
        return system.spawnNamed(NAME, create(exitOnShutdown));
    }

    /** @param exitOnShutdown see {@link #startOn} */
    public static Behavior<Command> create(boolean exitOnShutdown) {
        return create(exitOnShutdown, NodeAgent::processor);
    }

    /** With the per-image work made by {@code processors} from each run's spec (tests inject faults this way). */
    public static Behavior<Command> create(boolean exitOnShutdown, Function<WorkerSpec, ImageProcessor> processors) {
        return Behaviors.setup(context -> {
            var system = context.getSystem();
            system.receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
            context.spawn(PushReturns.create(), "push-returns");
            if (exitOnShutdown) {
                var self = context.getSelf();
                CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "hand-back-images",
                        () -> AskPattern.ask(self, HandBack::new, HAND_BACK_TIMEOUT.plusSeconds(1), system.scheduler()));
            }
            return new NodeAgent(context, exitOnShutdown, processors);
        });
    }

    private final boolean exitOnShutdown;
    private final Function<WorkerSpec, ImageProcessor> processors;
    private final NodeRun.Host host;
    private final Map<String, NodeRun> runs = new HashMap<>();
    private ActorRef<Done> handBackDone;
    private int handBacksDue;

    private NodeAgent(ActorContext<Command> context, boolean exitOnShutdown, Function<WorkerSpec, ImageProcessor> processors) {
        super(context);
        this.exitOnShutdown = exitOnShutdown;
        this.processors = processors;
        var system = context.getSystem();
        this.host = new NodeRun.Host(system.address().toString(), MailboxMeters.get(system),
                system.settings().config().getDuration("pipeline.cluster.outcome-batch"));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartWorkers.class, this::onStart)
                .onMessage(StopWorkers.class, stop -> collect(runs.remove(stop.runId()), stop.replyTo()))
                .onMessage(ClockStarted.class, this::onClockStarted)
                .onMessage(RunEnding.class, ending -> {
                    var run = runs.get(ending.runId());
                    if (run != null) {
                        run.outcomes.atOnce();
                    }
                    return this;
                })
                .onMessage(Collected.class, this::onCollected)
                .onMessage(WorkerStopped.class, this::onWorkerStopped)
                .onMessage(HandBack.class, this::onHandBack)
                .onMessage(HandedBack.class, this::onHandedBack)
                .onMessage(Shutdown.class, this::onShutdown)
                .onMessage(ReadClock.class, read -> {
                    read.replyTo().tell(new ClockRead(getContext().getSelf(), EpochClock.nowMicros()));
                    return this;
                })
                .onMessage(Probe.class, probe -> {
                    probe.replyTo().tell(new ProbeAck(probe.job().encoded().length));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onStart(StartWorkers start) {
        var spec = start.spec();
        var run = NodeRun.start(getContext(), spec, start.replyTo(), processors.apply(spec), host);
        runs.put(spec.runId(), run);
        for (int i = 1; i <= run.workerActors(spec); i++) {
            watch(run, i, run.spawnWorker(i));
        }
        start.replyTo().tell(new WorkersStarted(spec.runId(), host.address(), ProcessHandle.current().pid(), getContext().getSelf(),
                run.stream == null ? null : run.stream.ends()));
        return this;
    }

    private Behavior<Command> onClockStarted(ClockStarted started) {
        var run = runs.get(started.runId());
        if (run != null) {
            run.metrics.tell(MetricsCollector.ClockStarted.INSTANCE);
        }
        return this;
    }

    /** Watched, so that a worker that stops while its run goes on is replaced. */
    private void watch(NodeRun run, int index, ActorRef<?> worker) {
        getContext().watchWith(worker, new WorkerStopped(run.runId, index, worker));
    }

    /**
     * A worker stopped by {@link Supervision#STOP} (or failed with an error no strategy handles):
     * a pull worker's images go back to the supervisor when its consumer controller leaves the
     * Receptionist, a push worker's mailbox to the dead letters and from there to the supervisor;
     * a replacement with the same settings (and attempt ledger) keeps the run at its worker count.
     * Workers stopped with their run are not replaced.
     */
    private Behavior<Command> onWorkerStopped(WorkerStopped stopped) {
        var run = runs.get(stopped.runId());
        if (run != null && run.isCurrent(stopped.index(), stopped.worker())) {
            run.retire(stopped.worker(), host.mailboxMeters());
            watch(run, stopped.index(), run.spawnWorker(stopped.index()));
        }
        return this;
    }

    /** Stops the run's workers and asks its metrics actor for what it measured; the report goes to {@code replyTo}. */
    private Behavior<Command> collect(NodeRun run, ActorRef<Reply> replyTo) {
        if (run != null) {
            var mailboxes = run.stopWorkers(host.mailboxMeters(), getContext()::stop);
            run.outcomes.atOnce();
            getContext().ask(MetricsSnapshot.class, run.metrics, Duration.ofSeconds(10), MetricsCollector.Finish::new,
                    (snapshot, failure) -> new Collected(run, snapshot, mailboxes, replyTo));
        }
        return this;
    }

    private Behavior<Command> onCollected(Collected collected) {
        if (collected.snapshot() == null) {
            return collected.replyTo() == null ? onHandedBack(new HandedBack(collected.run().runId)) : this;
        }
        var report = new NodeReport(collected.run().runId, collected.snapshot(), collected.mailboxes());
        if (collected.replyTo() != null) {
            collected.replyTo().tell(report);
        } else {
            getContext().ask(Done.class, collected.run().supervisor, HAND_BACK_TIMEOUT, replyTo -> new Leaving(report, replyTo),
                    (done, failure) -> new HandedBack(report.runId()));
        }
        return this;
    }

    /** This node is leaving: every run's workers stop now and each supervisor hears it at once. */
    private Behavior<Command> onHandBack(HandBack handBack) {
        handBackDone = handBack.replyTo();
        handBacksDue = runs.size();
        runs.values().forEach(run -> collect(run, null));
        runs.clear();
        if (handBacksDue == 0) {
            handBackDone.tell(Done.getInstance());
        }
        return this;
    }

    private Behavior<Command> onHandedBack(HandedBack handedBack) {
        if (--handBacksDue == 0 && handBackDone != null) {
            handBackDone.tell(Done.getInstance());
        }
        return this;
    }

    private Behavior<Command> onShutdown(Shutdown shutdown) {
        if (exitOnShutdown) {
            CoordinatedShutdown.get(getContext().getSystem()).runAll(CoordinatedShutdown.clusterLeavingReason());
        }
        return this;
    }

    /** The per-image work a spec asks for: its filters, its size limit, its output. */
    public static ImageProcessor processor(WorkerSpec spec) {
        return new ImageProcessor(new ImageDecoder(spec.images().maxPixels()), spec.images().chain(), spec.output(),
                WorkerPriority.lowerBy(spec.workers().nice()));
    }
}
