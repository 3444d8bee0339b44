package org.pekkolab.imagepipeline.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.delivery.WorkPullingProducerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.node.CborSerializable;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.PushWorker;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.MailboxStats;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.results.WorkerStats;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.source.ImageSource;
import org.pekkolab.imagepipeline.source.SourceReader;

/**
 * The supervisor of one run. It asks every node of the run (one local {@link NodeAgent} in single
 * mode, every node of the cluster in cluster mode) to start its filter workers, then distributes
 * the images through a {@link WorkPullingProducerController}: an image goes to whichever worker
 * has asked for one, on whatever node, so no worker is ever sent more than its window.
 *
 * <p>The supervisor owns the bookkeeping that makes "nothing lost" checkable: every image id is
 * counted once as processed or failed. It watches the node agents: when a node dies its workers
 * leave the Receptionist listing and the producer controller re-sends their unconfirmed images
 * to the surviving workers; an image that one node started and another finished counts as
 * retried. When all
 * images are accounted for it collects each live node's report, replies and stops.
 *
 * <p>In push mode ({@link Distribution#PUSH}) a round-robin group router over every node's
 * {@link PushWorker}s takes the place of the producer controller: each image is sent the moment
 * it is read, and the reader is never held back, so images pile up in the workers' mailboxes.
 * The supervisor keeps every image until it is accounted for. One that comes back
 * {@link Undelivered} (a full mailbox refused it, or a worker stopped with it) is sent again when
 * a finished image frees a place, or after {@code pipeline.push.resend-delay}, never more at once
 * than the workers' mailboxes have room for; when a node dies, every image still out is sent
 * again, since nobody knows which of them were on that node (copies finished twice count once).
 * Images in flight are those handed to workers and neither accounted for nor back.
 *
 * <p>Whoever spawns the supervisor spawns it where the spec's {@link ControlDispatcher} says
 * ({@code spec.controlDispatcher()}); the producer controller or router it spawns works on
 * the same dispatcher.
 */
public final class PipelineSupervisor extends AbstractBehavior<PipelineSupervisor.Command> {

    public sealed interface Command {}

    /** @param reader the reader that read it, free for the next read */
    public record ImageRead(long id, String name, byte[] bytes, ActorRef<ImageReader.Command> reader) implements Command {}

    public record ImageUnreadable(long id, String name, String reason, ActorRef<ImageReader.Command> reader) implements Command {}

    public record ImageStarted(long id, String node) implements Command, CborSerializable {}

    public record ImageProcessed(long id, ImageTiming timing, int attempt) implements Command, CborSerializable {}

    /** @param attempts how many times the image was tried */
    public record ImageFailed(long id, String name, String reason, int attempts) implements Command, CborSerializable {}

    public record WorkerRestarted(String worker, String image) implements Command, CborSerializable {}

    /** Push mode: an attempt at an image ended in a node's dead letters instead of being processed. */
    public record Undelivered(long id, int attempt) implements Command, CborSerializable {}

    private record WorkersListed(Receptionist.Listing listing) implements Command {}

    private record WrappedRequestNext(WorkPullingProducerController.RequestNext<ImageJob> next) implements Command {}

    private record NodeStarted(NodeAgent.WorkersStarted started) implements Command {}

    private record NodeReported(NodeAgent.NodeReport report) implements Command {}

    private enum ReportsOverdue implements Command { INSTANCE }

    private enum ResendDue implements Command { INSTANCE }

    /**
     * What one run is: the inputs and how they are read, the nodes that work on them and how their
     * workers are set up.
     */
    public record Plan(List<ImageSource> sources, int repeat, WorkerSpec spec, List<ActorRef<NodeAgent.Command>> nodes, ReadSettings reads) {

        public int images() {
            return sources.size() * repeat;
        }
    }

    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(15);

    public static Behavior<Command> create(Plan plan, IntConsumer onProgress, ActorRef<RunOutcome> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new PipelineSupervisor(context, timers, plan, onProgress, replyTo)));
    }

    private final TimerScheduler<Command> timers;
    private final Plan plan;
    private final IntConsumer onProgress;
    private final ActorRef<RunOutcome> replyTo;
    /** The key the run's workers register under: consumer controllers (pull) or push workers (push). */
    private final ServiceKey<?> serviceKey;
    /** Pull mode only, else null. */
    private final ActorRef<WorkPullingProducerController.Command<ImageJob>> producer;
    private final ArrayDeque<ActorRef<ImageReader.Command>> idleReaders = new ArrayDeque<>();
    /** Push mode only, else null. */
    private final ActorRef<PushWorker.Command> router;
    /** Push mode: the latest attempt at every image sent and not yet accounted for. */
    private final Map<Long, PushWorker.Attempt> unfinished = new HashMap<>();
    /** Push mode: images back from the workers, in the order they are to be sent again. */
    private final LinkedHashSet<Long> toResend = new LinkedHashSet<>();
    private final Duration resendDelay;
    /** Images handed to workers and neither accounted for nor back. */
    private final BitSet handedOut = new BitSet();
    private final ArrayDeque<ImageJob> readAhead = new ArrayDeque<>();
    private final BitSet accountedFor = new BitSet();
    private final List<Failure> failures = new ArrayList<>();
    private final List<ImageTiming> timings = new ArrayList<>();
    /** Nodes still alive, with what they said when their workers started. */
    private final Map<ActorRef<NodeAgent.Command>, NodeAgent.WorkersStarted> liveNodes = new LinkedHashMap<>();
    private final Map<ActorRef<NodeAgent.Command>, NodeAgent.WorkersStarted> deadNodes = new LinkedHashMap<>();
    private final Map<ActorRef<NodeAgent.Command>, NodeAgent.NodeReport> reports = new LinkedHashMap<>();
    /** Which node each unfinished image was first started on (cluster mode). */
    private final Map<Long, String> startedOn = new HashMap<>();
    private final int total;
    private final int readLimit;

    private WorkPullingProducerController.RequestNext<ImageJob> pendingDemand;
    private int workersListed;
    private int nodesAwaited;
    private boolean started;
    private boolean finishing;
    private long startNanos;
    private double wallMs;
    private int nextToRead;
    private int readsOutstanding;
    private int processed;
    private int inFlight;
    private int peakInFlight;
    private int retried;
    private int restarts;

    private PipelineSupervisor(ActorContext<Command> context, TimerScheduler<Command> timers, Plan plan, IntConsumer onProgress,
            ActorRef<RunOutcome> replyTo) {
        super(context);
        this.timers = timers;
        this.plan = plan;
        this.onProgress = onProgress;
        this.replyTo = replyTo;
        this.total = plan.images();
        // One source reader (and HTTP client) for the run, shared by its readers. Each read goes to
        // a reader that is free, not round robin: a URL that hangs until its timeout then holds up
        // one reader, not every read queued behind it.
        var sourceReader = new SourceReader(plan.reads().latency(), plan.reads().httpTimeout());
        var readerDispatcher = plan.spec().readerDispatcher(plan.reads().dispatcher());
        for (int i = 1; i <= plan.reads().readers(); i++) {
            idleReaders.add(context.spawn(ImageReader.create(sourceReader), "reader-" + i, readerDispatcher));
        }
        readLimit = Math.max(plan.reads().readAhead(), plan.reads().readers());
        resendDelay = context.getSystem().settings().config().getDuration("pipeline.push.resend-delay");
        if (plan.spec().workers().distribution() == Distribution.PUSH) {
            var pushKey = NodeAgent.pushKey(plan.spec().runId());
            serviceKey = pushKey;
            router = context.spawn(Routers.group(pushKey).withRoundRobinRouting(), "push-router", DispatcherSelector.sameAsParent());
            producer = null;
        } else {
            var pullKey = NodeAgent.workerKey(plan.spec().runId());
            serviceKey = pullKey;
            producer = context.spawn(
                    WorkPullingProducerController.create(ImageJob.class, "images-" + plan.spec().runId(), pullKey, Optional.empty()),
                    "producer-controller", DispatcherSelector.sameAsParent());
            router = null;
        }
        context.getSystem().receptionist().tell(Receptionist.subscribe(
                serviceKey, context.messageAdapter(Receptionist.Listing.class, WorkersListed::new)));
        var startedAdapter = context.messageAdapter(NodeAgent.WorkersStarted.class, NodeStarted::new);
        nodesAwaited = plan.nodes().size();
        for (var node : plan.nodes()) {
            context.watch(node);
            node.tell(new NodeAgent.StartWorkers(plan.spec(), startedAdapter));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NodeStarted.class, this::onNodeStarted)
                .onMessage(WorkersListed.class, this::onWorkersListed)
                .onMessage(WrappedRequestNext.class, this::onDemand)
                .onMessage(ImageRead.class, this::onImageRead)
                .onMessage(ImageUnreadable.class, this::onImageUnreadable)
                .onMessage(ImageStarted.class, this::onImageStarted)
                .onMessage(ImageProcessed.class, this::onProcessed)
                .onMessage(ImageFailed.class, this::onFailed)
                .onMessage(WorkerRestarted.class, restarted -> {
                    restarts++;
                    return this;
                })
                .onMessage(Undelivered.class, this::onUndelivered)
                .onMessageEquals(ResendDue.INSTANCE, this::onResendDue)
                .onMessage(NodeReported.class, this::onNodeReported)
                .onMessageEquals(ReportsOverdue.INSTANCE, this::finish)
                .onSignal(Terminated.class, this::onNodeTerminated)
                .build();
    }

    private Behavior<Command> onNodeStarted(NodeStarted message) {
        liveNodes.put(message.started().agent(), message.started());
        return startIfReady();
    }

    private Behavior<Command> onWorkersListed(WorkersListed listed) {
        workersListed = listed.listing().getServiceInstances(serviceKey).size();
        return startIfReady();
    }

    /** The clock starts once every worker of every node is registered, so that spawning is not timed. */
    private Behavior<Command> startIfReady() {
        if (!started && liveNodes.size() == nodesAwaited && workersListed >= nodesAwaited * plan.spec().workers().count()) {
            started = true;
            startNanos = System.nanoTime();
            if (producer != null) {
                producer.tell(new WorkPullingProducerController.Start<>(
                        getContext().messageAdapter(WorkPullingProducerController.requestNextClass(), WrappedRequestNext::new)));
            }
            readMore();
        }
        return this;
    }

    private Behavior<Command> onDemand(WrappedRequestNext demand) {
        pendingDemand = demand.next();
        sendIfPossible();
        return this;
    }

    private Behavior<Command> onImageRead(ImageRead read) {
        readsOutstanding--;
        idleReaders.add(read.reader());
        var job = new ImageJob(read.id(), read.name(), read.bytes(), getContext().getSelf());
        if (router != null) {
            deliver(new PushWorker.Attempt(job, 1));
        } else {
            readAhead.add(job);
            sendIfPossible();
        }
        // The reader is free again: with a read-ahead larger than the readers, there may be room to read more.
        readMore();
        return this;
    }

    private Behavior<Command> onImageUnreadable(ImageUnreadable unreadable) {
        readsOutstanding--;
        idleReaders.add(unreadable.reader());
        if (account(unreadable.id())) {
            failures.add(new Failure(unreadable.name(), unreadable.reason()));
        }
        readMore();
        return completeIfDone();
    }

    private Behavior<Command> onImageStarted(ImageStarted imageStarted) {
        if (!accountedFor.get((int) imageStarted.id())) {
            startedOn.putIfAbsent(imageStarted.id(), imageStarted.node());
        }
        return this;
    }

    private Behavior<Command> onProcessed(ImageProcessed done) {
        var firstStartedOn = startedOn.get(done.id());
        if (account(done.id())) {
            processed++;
            retried += done.attempt() - 1;
            if (firstStartedOn != null && !firstStartedOn.equals(done.timing().node())) {
                // Started on a node that died, finished on another: re-dispatched.
                retried++;
            }
            timings.add(done.timing());
        }
        resendWhileRoom();
        return completeIfDone();
    }

    private Behavior<Command> onFailed(ImageFailed failed) {
        if (account(failed.id())) {
            retried += Math.max(0, failed.attempts() - 1);
            failures.add(new Failure(failed.name(), failed.reason()));
        }
        resendWhileRoom();
        return completeIfDone();
    }

    /**
     * A node is gone (its JVM died and the cluster downed it). The producer controller re-sends
     * the images its workers had not confirmed; the ones it had started count as retried.
     */
    private Behavior<Command> onNodeTerminated(Terminated terminated) {
        var info = liveNodes.remove(terminated.getRef());
        nodesAwaited--;
        if (info != null) {
            deadNodes.put(info.agent(), info);
            getContext().getLog().warn("node {} is gone; its unfinished images go to the other nodes", info.address());
            if (router != null) {
                for (int id = handedOut.nextSetBit(0); id >= 0; id = handedOut.nextSetBit(id + 1)) {
                    toResend.add((long) id);
                }
                handedOut.clear();
                inFlight = 0;
                scheduleResend();
            }
        }
        if (finishing) {
            return finishIfReported();
        }
        return startIfReady();
    }

    private Behavior<Command> onNodeReported(NodeReported reported) {
        liveNodes.keySet().stream()
                .filter(agent -> liveNodes.get(agent).address().equals(reported.report().snapshot().node().address()))
                .findFirst()
                .ifPresent(agent -> reports.put(agent, reported.report()));
        return finishIfReported();
    }

    private void sendIfPossible() {
        if (pendingDemand != null && !readAhead.isEmpty()) {
            var job = readAhead.poll();
            pendingDemand.sendNextTo().tell(job);
            pendingDemand = null;
            handOut(job.id());
            readMore();
        }
    }

    /**
     * Push mode: sends an attempt through the router, unless the router may still list the
     * workers of a node that is gone (more workers listed than the live nodes have): then it
     * waits with the images to send again, for the listing to catch up.
     */
    private void deliver(PushWorker.Attempt attempt) {
        long id = attempt.job().id();
        unfinished.put(id, attempt);
        if (workersListed <= liveNodes.size() * plan.spec().workers().count()) {
            router.tell(attempt);
            handOut(id);
        } else {
            toResend.add(id);
            scheduleResend();
        }
    }

    private Behavior<Command> onUndelivered(Undelivered undelivered) {
        long id = undelivered.id();
        if (takeBack(id)) {
            unfinished.computeIfPresent(id, (key, attempt) -> new PushWorker.Attempt(attempt.job(), undelivered.attempt()));
            toResend.add(id);
            scheduleResend();
        }
        return this;
    }

    private Behavior<Command> onResendDue() {
        resendWhileRoom();
        if (!toResend.isEmpty()) {
            scheduleResend();
        }
        return this;
    }

    /**
     * Push mode: sends images that came back again, as many as there is room for in the workers'
     * mailboxes (capacity plus the one being processed, per worker) so that they do not bounce
     * straight back. Called when an image is finished, which frees a place, and on each round of
     * the resend timer; what does not fit waits.
     */
    private void resendWhileRoom() {
        if (toResend.isEmpty()) {
            return;
        }
        int capacity = plan.spec().workers().mailboxCapacity();
        int room = capacity == 0 ? toResend.size() : liveNodes.size() * plan.spec().workers().count() * (capacity + 1) - inFlight;
        var ids = toResend.iterator();
        var batch = new ArrayList<PushWorker.Attempt>();
        for (; room > 0 && ids.hasNext(); room--) {
            batch.add(unfinished.get(ids.next()));
            ids.remove();
        }
        batch.forEach(this::deliver);
    }

    private void scheduleResend() {
        if (!timers.isTimerActive(ResendDue.INSTANCE)) {
            timers.startSingleTimer(ResendDue.INSTANCE, resendDelay);
        }
    }

    private void handOut(long id) {
        if (!handedOut.get((int) id)) {
            handedOut.set((int) id);
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
        }
    }

    /** True if the image was out with the workers: it is no longer. */
    private boolean takeBack(long id) {
        if (!handedOut.get((int) id)) {
            return false;
        }
        handedOut.clear((int) id);
        inFlight--;
        return true;
    }

    private void readMore() {
        while (nextToRead < total && !idleReaders.isEmpty() && readAhead.size() + readsOutstanding < readLimit) {
            var source = plan.sources().get(nextToRead % plan.sources().size());
            idleReaders.poll().tell(new ImageReader.Read(nextToRead, source, getContext().getSelf()));
            nextToRead++;
            readsOutstanding++;
        }
    }

    /** True the first time an image is accounted for: a duplicate report must not count twice. */
    private boolean account(long id) {
        if (accountedFor.get((int) id)) {
            return false;
        }
        accountedFor.set((int) id);
        startedOn.remove(id);
        takeBack(id);
        unfinished.remove(id);
        toResend.remove(id);
        onProgress.accept(accountedFor.cardinality());
        return true;
    }

    private Behavior<Command> completeIfDone() {
        if (accountedFor.cardinality() == total && !finishing) {
            finishing = true;
            wallMs = (System.nanoTime() - startNanos) / 1e6;
            var reportAdapter = getContext().messageAdapter(NodeAgent.NodeReport.class, NodeReported::new);
            liveNodes.keySet().forEach(agent -> agent.tell(new NodeAgent.StopWorkers(plan.spec().runId(), reportAdapter)));
            timers.startSingleTimer(ReportsOverdue.INSTANCE, REPORT_TIMEOUT);
            return finishIfReported();
        }
        return this;
    }

    private Behavior<Command> finishIfReported() {
        return reports.keySet().containsAll(liveNodes.keySet()) ? finish() : this;
    }

    private Behavior<Command> finish() {
        var nodeStats = new ArrayList<NodeStats>();
        var workerStats = new ArrayList<WorkerStats>();
        liveNodes.forEach((agent, info) -> {
            var report = reports.get(agent);
            if (report != null) {
                nodeStats.add(report.snapshot().node());
                workerStats.addAll(report.snapshot().workers());
            } else {
                nodeStats.add(NodeStats.fromTimings(info.address(), info.pid(), "no report", timings));
            }
        });
        deadNodes.values().forEach(info -> nodeStats.add(NodeStats.fromTimings(info.address(), info.pid(), "down", timings)));
        int lost = total - accountedFor.cardinality();
        var mailboxes = reports.values().stream().map(NodeAgent.NodeReport::mailboxes).reduce(MailboxStats.NONE, MailboxStats::plus);
        replyTo.tell(new RunOutcome(wallMs, total, processed, List.copyOf(failures), retried, restarts, lost, peakInFlight,
                mailboxes.overflowed(), mailboxes.peakMailbox(), nodeStats, workerStats, List.copyOf(timings)));
        return Behaviors.stopped();
    }
}
