package org.pekkolab.imagepipeline.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
 */
final class PushDistributor implements Distributor {

    /** Time to send the images that came back. */
    enum ResendDue implements Event { INSTANCE }

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

    PushDistributor(ActorContext<RunSupervisor.Command> context, TimerScheduler<RunSupervisor.Command> timers, String runId, int capacity,
            IntSupplier liveWorkers, RunLedger ledger) {
        this.timers = timers;
        this.ledger = ledger;
        this.capacity = capacity;
        this.liveWorkers = liveWorkers;
        this.key = PushWorker.serviceKey(runId);
        this.resendDelay = context.getSystem().settings().config().getDuration("pipeline.push.resend-delay");
        this.router = context.spawn(Routers.group(key).withRoundRobinRouting(), "push-router", DispatcherSelector.sameAsParent());
    }

    @Override
    public ServiceKey<?> workerKey() {
        return key;
    }

    @Override
    public int workersListed(Receptionist.Listing listing) {
        listed = listing.getServiceInstances(key).size();
        return listed;
    }

    @Override
    public boolean hasDemand() {
        return true;
    }

    @Override
    public void send(ImageJob job) {
        deliver(new PushWorker.Attempt(job, 1));
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
        unfinished.remove(id);
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
