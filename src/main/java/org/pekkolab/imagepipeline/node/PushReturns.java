package org.pekkolab.imagepipeline.node;

import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps push images from being lost on this node: every push attempt that ends in this JVM's dead
 * letters (refused by a full mailbox, left in the mailbox of a worker that stopped, sent to the
 * router before it had routees, dropped by a full send queue to another node) goes back to its
 * supervisor as {@link ImageOutcome.Undelivered}, to be sent again. One per actor system (the node
 * agent starts it), or dead letters would be returned twice.
 */
final class PushReturns {

    private PushReturns() {}

    static Behavior<AllDeadLetters> create() {
        return Behaviors.setup(context -> {
            context.getSystem().eventStream().tell(new EventStream.Subscribe<>(AllDeadLetters.class, context.getSelf()));
            return Behaviors.receiveMessage(event -> {
                // Artery publishes a Dropped and a DeadLetter for a message its send queue refuses: take the DeadLetter.
                boolean undelivered = event instanceof DeadLetter
                        || event instanceof Dropped dropped && dropped.recipient() != null && dropped.recipient().path().address().hasLocalScope();
                if (undelivered && event.message() instanceof PushWorker.Attempt attempt) {
                    attempt.job().replyTo().tell(new ImageOutcome.Undelivered(attempt.job().id(), attempt.number()));
                }
                return Behaviors.same();
            });
        });
    }
}
