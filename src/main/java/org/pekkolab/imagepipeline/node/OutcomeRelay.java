package org.pekkolab.imagepipeline.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Carries a node's image outcomes to a supervisor on another node in batches. Every message that
 * crosses JVMs costs a fixed share of CPU on both sides (Artery's stream stages, a TCP write and
 * read, several thread hand-offs), which at a few hundred images a second is most of what remoting
 * costs: one message per few images instead of one per image. A pull run whose control actors have
 * a thread of their own sends the outcomes for a supervisor in this JVM the same way: each would
 * otherwise wake that thread. An outcome waits at most
 * {@code interval}; the supervisor's accounts lag by as much, its images do not. Once the supervisor
 * hands out the run's last images ({@link AtOnce}) outcomes go at once, so that it shares them out
 * knowing who holds what, and the end of a run does not wait for a batch.
 */
final class OutcomeRelay {

    sealed interface Command {}

    record Relay(ActorRef<ImageOutcome> to, ImageOutcome outcome) implements Command {}

    private enum Flush implements Command { INSTANCE }

    /** From now on every outcome goes at once; what waits goes now. */
    enum AtOnce implements Command { INSTANCE }

    /** A batch this large goes at once. */
    private static final int MAX_BATCH = 32;

    private OutcomeRelay() {}

    static Behavior<Command> create(Duration interval) {
        return Behaviors.withTimers(timers -> {
            Map<ActorRef<ImageOutcome>, List<ImageOutcome>> pending = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Relay.class, relay -> {
                        var batch = pending.computeIfAbsent(relay.to(), to -> new ArrayList<>());
                        batch.add(relay.outcome());
                        if (batch.size() >= MAX_BATCH) {
                            send(relay.to(), pending.remove(relay.to()));
                        } else if (!timers.isTimerActive(Flush.INSTANCE)) {
                            timers.startSingleTimer(Flush.INSTANCE, interval);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Flush.INSTANCE, () -> {
                        pending.forEach(OutcomeRelay::send);
                        pending.clear();
                        return Behaviors.same();
                    })
                    .onMessageEquals(AtOnce.INSTANCE, () -> {
                        pending.forEach(OutcomeRelay::send);
                        return atOnce();
                    })
                    .build();
        });
    }

    private static Behavior<Command> atOnce() {
        return Behaviors.receive(Command.class)
                .onMessage(Relay.class, relay -> {
                    relay.to().tell(relay.outcome());
                    return Behaviors.same();
                })
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }

    private static void send(ActorRef<ImageOutcome> to, List<ImageOutcome> outcomes) {
        to.tell(outcomes.size() == 1 ? outcomes.get(0) : new ImageOutcome.Batch(List.copyOf(outcomes)));
    }
}
