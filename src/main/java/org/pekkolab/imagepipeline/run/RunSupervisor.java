package org.pekkolab.imagepipeline.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.ImageOutcome;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.probes.EpochClock;
import org.pekkolab.imagepipeline.results.RunOutcome;

/**
 * The supervisor of one run. It asks every node of the run (one local {@link NodeAgent} in single
 * mode, every node of the cluster in cluster mode) to start its filter workers, reads the images
 * with its {@link ImageReader}s, hands them out through its {@link Distributor} and keeps the
 * {@link RunLedger}, in which every image is counted once.
 *
 * <p>Its phases are behaviors: {@link #starting} until every node's workers are listed (the clock
 * starts there, so that spawning is not timed), {@link #running} until every image is accounted
 * for, {@link #finishing} while the live nodes report what they did; then it replies and stops.
 * In cluster mode it follows the node agents the Receptionist lists: a node that joins during the
 * run is asked to start workers and gets images; a node that leaves (it says so) or dies (it is
 * downed, and its agent terminates) has its images sent to the others at once.
 *
 * <p>Whoever spawns the supervisor spawns it where the spec says ({@code spec.controlDispatcher()});
 * what it spawns itself (producer controllers, router) works on the same dispatcher.
 */
public final class RunSupervisor {

    public sealed interface Command permits FromReader, FromWorkers, FromNode, WorkersListed, NodesListed, ReportsOverdue, ClockDue,
            Distributor.Event {}

    private record FromReader(ImageReader.Reply reply) implements Command {}

    private record FromWorkers(ImageOutcome outcome) implements Command {}

    private record FromNode(NodeAgent.Reply reply) implements Command {}

    private record WorkersListed(Receptionist.Listing listing) implements Command {}

    private record NodesListed(Receptionist.Listing listing) implements Command {}

    private enum ReportsOverdue implements Command { INSTANCE }

    /** Time to read the clock of this node again. */
    private record ClockDue(ActorRef<NodeAgent.Command> agent) implements Command {}

    /**
     * Between two reads of a node's clock: a read that meets a busy JVM or network takes long, and
     * is uncertain by half that; reads spread over a second or so find a quick one.
     */
    private static final Duration CLOCK_READ_INTERVAL = Duration.ofMillis(50);

    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(15);

    /** @param onProgress called with the images accounted for so far, on the supervisor's thread */
    public static Behavior<Command> create(RunPlan plan, IntConsumer onProgress, ActorRef<RunOutcome> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new RunSupervisor(context, timers, plan, onProgress, replyTo).starting()));
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final RunPlan plan;
    private final IntConsumer onProgress;
    private final ActorRef<RunOutcome> replyTo;
    private final RunLedger ledger;
    private final RunNodes nodes = new RunNodes();
    /** Images read and not yet handed out; those sent again go first. */
    private final Deque<ImageJob> ready = new ArrayDeque<>();
    private final Distributor distributor;
    private final ReadAhead reads;
    private boolean ending;
    private final ActorRef<ImageOutcome> outcomes;
    private final ActorRef<NodeAgent.Reply> nodeReplies;
    private long startNanos;
    private long startedAtMicros;
    private double wallMs;

    private RunSupervisor(ActorContext<Command> context, TimerScheduler<Command> timers, RunPlan plan, IntConsumer onProgress,
            ActorRef<RunOutcome> replyTo) {
        this.context = context;
        this.timers = timers;
        this.plan = plan;
        this.onProgress = onProgress;
        this.replyTo = replyTo;
        this.ledger = new RunLedger(plan.images());
        var spec = plan.spec();
        this.outcomes = context.messageAdapter(ImageOutcome.class, FromWorkers::new);
        this.distributor = switch (spec.workers().distribution()) {
            case PULL -> new PullDistributor(context, spec.runId(), spec.workers().window(), ledger, ready::addFirst);
            case PUSH -> new PushDistributor(context, timers, spec.runId(), spec.workers().mailboxCapacity(),
                    () -> nodes.live() * spec.workers().count(), ledger);
            case STREAM -> new StreamDistributor(context, spec.workers(), ledger, ready::addFirst, outcomes);
        };
        this.reads = new ReadAhead(context, plan, context.messageAdapter(ImageReader.Reply.class, FromReader::new));
        this.nodeReplies = context.messageAdapter(NodeAgent.Reply.class, FromNode::new);
        // One adapter per message class: both listings come through it, told apart by their key.
        var listings = context.messageAdapter(Receptionist.Listing.class,
                listing -> listing.isForKey(NodeAgent.SERVICE_KEY) ? new NodesListed(listing) : new WorkersListed(listing));
        var receptionist = context.getSystem().receptionist();
        distributor.workerKey().ifPresent(key -> receptionist.tell(Receptionist.subscribe(key, listings)));
        if (plan.elastic()) {
            receptionist.tell(Receptionist.subscribe(NodeAgent.SERVICE_KEY, listings));
        }
        plan.nodes().forEach(agent -> startNode(agent, false));
    }

    /** Waiting for the nodes' workers; nodes that appear meanwhile take part from the start. */
    private Behavior<Command> starting() {
        return membership(Behaviors.receive(Command.class), false)
                .onMessage(WorkersListed.class, listed -> {
                    distributor.workersListed(listed.listing());
                    return startIfReady();
                })
                .build();
    }

    private Behavior<Command> startIfReady() {
        if (nodes.live() == 0 || !nodes.allStarted() || distributor.workersReady() < nodes.live() * plan.spec().workers().count()) {
            return Behaviors.same();
        }
        startNanos = System.nanoTime();
        startedAtMicros = EpochClock.micros(startNanos);
        nodes.liveAgents().forEach(agent -> agent.tell(new NodeAgent.ClockStarted(plan.spec().runId())));
        reads.readMore(ready.size(), distributor.capacity());
        return running();
    }

    /** Reading, handing out and accounting, until every image is accounted for. */
    private Behavior<Command> running() {
        return membership(Behaviors.receive(Command.class), true)
                .onMessage(WorkersListed.class, listed -> {
                    distributor.workersListed(listed.listing());
                    return dispatch();
                })
                .onMessage(FromReader.class, this::onRead)
                .onMessage(FromWorkers.class, this::onOutcome)
                .build();
    }

    /** What every phase does with nodes that start, join, leave and die, and with the distributor's own events. */
    private BehaviorBuilder<Command> membership(BehaviorBuilder<Command> builder, boolean running) {
        return builder
                .onMessage(FromNode.class, message -> onNode(message.reply(), running))
                .onMessage(NodesListed.class, listed -> {
                    listed.listing().getServiceInstances(NodeAgent.SERVICE_KEY).forEach(agent -> startNode(agent, running));
                    return Behaviors.same();
                })
                .onMessage(ClockDue.class, due -> {
                    askClock(due.agent());
                    return Behaviors.same();
                })
                .onMessage(Distributor.Event.class, event -> {
                    distributor.onEvent(event);
                    return running ? dispatch() : Behaviors.same();
                })
                .onSignal(Terminated.class, terminated -> {
                    nodes.died(terminated.getRef(), sinceStartMs(running)).ifPresent(node -> {
                        context.getLog().warn("node {} is gone; its images go to the other nodes", node.address);
                        distributor.nodeGone(node.address);
                    });
                    return running ? dispatch() : startIfReady();
                });
    }

    private void startNode(ActorRef<NodeAgent.Command> agent, boolean joiner) {
        if (nodes.add(agent, joiner)) {
            context.watch(agent);
            // Asked before the workers are started, which would hold up the answer.
            if (nodes.needsClock(agent)) {
                askClock(agent);
            }
            agent.tell(new NodeAgent.StartWorkers(plan.spec(), nodeReplies));
        }
    }

    private void askClock(ActorRef<NodeAgent.Command> agent) {
        nodes.askingClock(agent, EpochClock.nowMicros());
        agent.tell(new NodeAgent.ReadClock(nodeReplies));
    }

    private Behavior<Command> onNode(NodeAgent.Reply reply, boolean running) {
        if (reply instanceof NodeAgent.ClockRead read) {
            if (nodes.clockRead(read, EpochClock.nowMicros())) {
                timers.startSingleTimer(new ClockDue(read.agent()), new ClockDue(read.agent()), CLOCK_READ_INTERVAL);
            }
            return Behaviors.same();
        }
        if (reply instanceof NodeAgent.WorkersStarted started) {
            nodes.started(started, sinceStartMs(running));
            distributor.nodeStarted(started);
        } else if (reply instanceof NodeAgent.Leaving leaving) {
            nodes.left(leaving.report(), sinceStartMs(running)).ifPresent(node -> distributor.nodeGone(node.address));
            leaving.replyTo().tell(Done.getInstance());
        }
        return running ? dispatch() : startIfReady();
    }

    private Behavior<Command> onRead(FromReader message) {
        reads.answered(message.reply());
        for (var result : message.reply().results()) {
            if (result instanceof ImageReader.ImageRead read) {
                ready.add(new ImageJob(read.id(), read.name(), read.bytes(), outcomes));
            } else if (result instanceof ImageReader.ImageUnreadable unreadable
                    && ledger.failed(unreadable.id(), unreadable.name(), unreadable.reason(), 1)) {
                onProgress.accept(ledger.accounted());
            }
        }
        return dispatch();
    }

    private Behavior<Command> onOutcome(FromWorkers message) {
        account(message.outcome());
        return dispatch();
    }

    private void account(ImageOutcome outcome) {
        if (outcome instanceof ImageOutcome.Processed done) {
            accounted(done.id(), ledger.processed(done.id(), done.timing(), done.attempt()));
        } else if (outcome instanceof ImageOutcome.Failed failed) {
            accounted(failed.id(), ledger.failed(failed.id(), failed.name(), failed.reason(), failed.attempts()));
        } else if (outcome instanceof ImageOutcome.AttemptFailed) {
            ledger.attemptFailed();
        } else if (outcome instanceof ImageOutcome.Undelivered undelivered) {
            distributor.undelivered(undelivered.id(), undelivered.attempt());
        } else if (outcome instanceof ImageOutcome.Batch batch) {
            batch.outcomes().forEach(this::account);
        }
    }

    /** @param first whether the image was accounted for just now, not reported before */
    private void accounted(long id, boolean first) {
        if (first) {
            distributor.accounted(id);
            onProgress.accept(ledger.accounted());
        }
    }

    /** Hands out what can be handed out, reads more, and ends the run when every image is accounted for. */
    private Behavior<Command> dispatch() {
        noticeEnding();
        while (!ready.isEmpty() && distributor.hasDemand()) {
            distributor.send(ready);
        }
        reads.readMore(ready.size(), distributor.capacity());
        noticeEnding();
        if (!ledger.complete()) {
            return Behaviors.same();
        }
        wallMs = (System.nanoTime() - startNanos) / 1e6;
        nodes.liveAgents().forEach(agent -> agent.tell(new NodeAgent.StopWorkers(plan.spec().runId(), nodeReplies)));
        timers.startSingleTimer(ReportsOverdue.INSTANCE, REPORT_TIMEOUT);
        return finishIfReported();
    }

    /** Collecting the live nodes' reports; late outcomes are duplicates and ignored. */
    private Behavior<Command> finishing() {
        return Behaviors.receive(Command.class)
                .onMessage(FromNode.class, message -> {
                    if (message.reply() instanceof NodeAgent.NodeReport report) {
                        nodes.reported(report);
                    } else if (message.reply() instanceof NodeAgent.Leaving leaving) {
                        nodes.left(leaving.report(), wallMs);
                        leaving.replyTo().tell(Done.getInstance());
                    }
                    return finishIfReported();
                })
                .onMessageEquals(ReportsOverdue.INSTANCE, this::finish)
                .onSignal(Terminated.class, terminated -> {
                    nodes.died(terminated.getRef(), wallMs);
                    return finishIfReported();
                })
                .onAnyMessage(message -> Behaviors.same())
                .build();
    }

    private Behavior<Command> finishIfReported() {
        return nodes.allReported() ? finish() : finishing();
    }

    private Behavior<Command> finish() {
        distributor.close();
        replyTo.tell(ledger.outcome(startedAtMicros, wallMs, nodes, distributor.heldBackMs()));
        return Behaviors.stopped();
    }

    /**
     * Once few enough images are left, the distributor shares them out for the workers to finish
     * together, and the nodes' outcomes stop going in batches: the supervisor then knows who holds
     * what, and the run's end waits for no batch.
     */
    private void noticeEnding() {
        if (!ending && ready.size() + reads.unread() <= distributor.capacity()) {
            ending = true;
            distributor.ending();
            nodes.liveAgents().forEach(agent -> agent.tell(new NodeAgent.RunEnding(plan.spec().runId())));
        }
    }

    /** Milliseconds since the clock started; 0 before. */
    private double sinceStartMs(boolean running) {
        return running ? (System.nanoTime() - startNanos) / 1e6 : 0;
    }
}
