package org.pekkolab.imagepipeline.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.dispatch.ExecutionContexts;
import scala.concurrent.ExecutionContext;

/**
 * Carries a node's image outcomes to a run's supervisor in batches. Every message that crosses
 * JVMs costs a fixed share of CPU on both sides (Artery's stream stages, a TCP write and read,
 * several thread hand-offs), which at a few hundred images a second is most of what remoting
 * costs: one message per few images instead of one per image. A pull run whose control actors have
 * a thread of their own sends the outcomes for a supervisor in this JVM the same way: each would
 * otherwise wake that thread.
 *
 * <p>An outcome waits at most {@code interval}, after which the scheduler's thread, which ticks
 * anyway, sends what waits. It is not an actor beside the workers: on their fork-join threads its
 * timer would arrive through the pool's shared queue, which a thread whose own queue always holds
 * the next image does not serve, so a busy node's outcomes waited for seconds. Once the supervisor
 * hands out the run's last images ({@link #atOnce}) outcomes go at once, so that it shares them out
 * knowing who holds what, and the end of a run does not wait for a batch. Safe for the node's
 * workers to call at once.
 */
final class OutcomeBatcher {

    /** A batch this large goes at once. */
    private static final int MAX_BATCH = 32;

    /** Sending is a tell: the scheduler's thread does it, and no other thread is woken for it. */
    private static final ExecutionContext ON_SCHEDULER_THREAD = ExecutionContexts.fromExecutor(Runnable::run);

    private final Duration interval;
    private final Scheduler scheduler;
    private final Map<ActorRef<ImageOutcome>, List<ImageOutcome>> pending = new LinkedHashMap<>();
    private Cancellable due;
    private boolean atOnce;

    /** @param interval the longest an outcome waits; zero sends each at once */
    OutcomeBatcher(Duration interval, Scheduler scheduler) {
        this.interval = interval;
        this.scheduler = scheduler;
        this.atOnce = interval.isZero();
    }

    /** Sends {@code outcome} to {@code to} with the others of its batch. */
    synchronized void send(ActorRef<ImageOutcome> to, ImageOutcome outcome) {
        if (atOnce) {
            to.tell(outcome);
            return;
        }
        var batch = pending.computeIfAbsent(to, supervisor -> new ArrayList<>());
        batch.add(outcome);
        if (batch.size() >= MAX_BATCH) {
            flush();
        } else if (due == null) {
            due = scheduler.scheduleOnce(interval, this::flush, ON_SCHEDULER_THREAD);
        }
    }

    /**
     * Sends what waits now, and every outcome from now on at once: the run's last images are out,
     * or the run is over on this node (the images it finished count, only the others go elsewhere).
     */
    synchronized void atOnce() {
        flush();
        atOnce = true;
    }

    private synchronized void flush() {
        if (due != null) {
            due.cancel();
            due = null;
        }
        pending.forEach((to, outcomes) -> to.tell(outcomes.size() == 1 ? outcomes.get(0) : new ImageOutcome.Batch(List.copyOf(outcomes))));
        pending.clear();
    }
}
