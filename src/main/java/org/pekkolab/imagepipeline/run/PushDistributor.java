package org.pekkolab.imagepipeline.run;

import java.util.Deque;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.PushWorker;

/**
 * Push: a round-robin group router over every node's {@link PushWorker}s; each image is sent the
 * moment it is read and the reader is never held back, so images pile up in the workers'
 * mailboxes. Every image is kept until it is accounted for. One that comes back undelivered (a
 * full mailbox refused it, or a worker stopped with it) is sent again when a finished image frees
 * a place, or after {@code pipeline.push.resend-delay}, never more at once than the workers'
 * mailboxes have room for. When a node goes away, every image still out is sent again, since
 * nobody knows which of them were on that node (copies finished twice count once).
 *
 * <p>Push never waits for the workers, so with enough input the images sent and not yet processed
 * fill the heap. Before they do (at {@code pipeline.push.held-heap-share} of it) reading is held
 * back until the workers have caught up to 90 % of that, and the log says so once per run: the
 * run finishes instead of running out of memory, and its report says how long it was held back.
 */
final class PushDistributor implements Distributor {

    /** Time to send the images that came back. */
    enum ResendDue implements Event { INSTANCE }

    /** Reading resumes once the images held are down to this share of the limit: in batches, not one per processed image. */
    private static final double RESUME_SHARE = 0.9;

    private final TimerScheduler<RunSupervisor.Command> timers;
    private final RunLedger ledger;
    private final ServiceKey<PushWorker.Command> key;
    private final ActorRef<PushWorker.Command> router;
    private final Duration resendDelay;
    private final int capacity;
    /** How many workers the live nodes have: the router must not list more. */
    private final IntSupplier liveWorkers;
    /** The latest attempt at every image sent and not yet accounted for. */
    private final Map<Long, PushWorker.Attempt> unfinished = new HashMap<>();
    /** Images back from the workers, in the order they are to be sent again. */
    private final Set<Long> toResend = new LinkedHashSet<>();
    private int listed;
    private final ActorContext<RunSupervisor.Command> context;
    /** Encoded bytes of the images in {@code unfinished}: this JVM holds every one of them (and its mailboxes the same arrays). */
    private long heldBytes;
    private final long heldLimit;
    private long holdingSince = -1;
    private long heldBackNanos;
    private boolean warned;

    PushDistributor(ActorContext<RunSupervisor.Command> context, TimerScheduler<RunSupervisor.Command> timers, String runId, int capacity,
            IntSupplier liveWorkers, RunLedger ledger) {
        this.context = context;
        this.timers = timers;
        this.ledger = ledger;
        this.capacity = capacity;
        this.liveWorkers = liveWorkers;
        this.key = PushWorker.serviceKey(runId);
        var config = context.getSystem().settings().config();
        this.resendDelay = config.getDuration("pipeline.push.resend-delay");
        this.heldLimit = (long) (Runtime.getRuntime().maxMemory() * config.getDouble("pipeline.push.held-heap-share"));
        this.router = context.spawn(Routers.group(key).withRoundRobinRouting(), "push-router", DispatcherSelector.sameAsParent());
    }

    @Override
    public Optional<ServiceKey<?>> workerKey() {
        return Optional.of(key);
    }

    @Override
    public void workersListed(Receptionist.Listing listing) {
        listed = listing.getServiceInstances(key).size();
    }

    @Override
    public int workersReady() {
        return listed;
    }

    /** Always, unless the images sent and not yet processed hold too much of the heap. */
    @Override
    public boolean hasDemand() {
        return holdingSince < 0;
    }

    @Override
    public void send(Deque<ImageJob> ready) {
        var job = ready.poll();
        heldBytes += job.encoded().length;
        if (holdingSince < 0 && heldBytes >= heldLimit) {
            holdingSince = System.nanoTime();
            warnOnce();
        }
        deliver(new PushWorker.Attempt(job, 1));
    }

    private void warnOnce() {
        if (!warned) {
            warned = true;
            long heapMb = Runtime.getRuntime().maxMemory() >> 20;
            context.getLog().warn("push: the images sent and not yet processed hold {} MB, {} % of this JVM's {} MB heap "
                            + "(pipeline.push.held-heap-share); reading waits for the workers to catch up. --mailbox-capacity bounds "
                            + "each worker's mailbox, not this: refused images wait here. --mode pull reads only a window ahead.",
                    heldBytes >> 20, Math.round(100.0 * heldLimit / Runtime.getRuntime().maxMemory()), heapMb);
        }
    }

    /**
     * Sends an attempt through the router, unless the router may still list the workers of a node
     * that is gone (more workers listed than the live nodes have): then it waits with the images to
     * send again, for the listing to catch up.
     */
    private void deliver(PushWorker.Attempt attempt) {
        long id = attempt.job().id();
        unfinished.put(id, attempt);
        if (listed <= liveWorkers.getAsInt()) {
            router.tell(attempt);
            ledger.handedOut(id);
        } else {
            toResend.add(id);
            scheduleResend();
        }
    }

    @Override
    public void accounted(long id) {
        var done = unfinished.remove(id);
        if (done != null) {
            heldBytes -= done.job().encoded().length;
            if (holdingSince >= 0 && heldBytes < heldLimit * RESUME_SHARE) {
                heldBackNanos += System.nanoTime() - holdingSince;
                holdingSince = -1;
            }
        }
        toResend.remove(id);
        resendWhileRoom();
    }

    @Override
    public void undelivered(long id, int attempt) {
        if (ledger.cameBack(id)) {
            unfinished.computeIfPresent(id, (key, sent) -> new PushWorker.Attempt(sent.job(), attempt));
            toResend.add(id);
            scheduleResend();
        }
    }

    @Override
    public int nodeGone(String address) {
        int back = 0;
        for (long id : unfinished.keySet()) {
            if (ledger.cameBack(id)) {
                toResend.add(id);
                back++;
            }
        }
        ledger.redelivered(back);
        scheduleResend();
        return back;
    }

    @Override
    public double heldBackMs() {
        return heldBackNanos / 1e6;
    }

    @Override
    public void onEvent(Event event) {
        if (event == ResendDue.INSTANCE) {
            resendWhileRoom();
            if (!toResend.isEmpty()) {
                scheduleResend();
            }
        }
    }

    /**
     * Sends images that came back again, as many as there is room for in the workers' mailboxes
     * (capacity plus the one being processed, per worker) so that they do not bounce straight
     * back. Called when an image is accounted for, which frees a place, and on each round of the
     * resend timer; what does not fit waits.
     */
    private void resendWhileRoom() {
        if (toResend.isEmpty()) {
            return;
        }
        int room = capacity == 0 ? toResend.size() : liveWorkers.getAsInt() * (capacity + 1) - ledger.inFlight();
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
}
