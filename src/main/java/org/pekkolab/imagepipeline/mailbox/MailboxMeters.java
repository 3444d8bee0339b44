package org.pekkolab.imagepipeline.mailbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.pekkolab.imagepipeline.results.MailboxStats;

/**
 * The metered mailboxes of one actor system. A mailbox type is configured once per system, but
 * each run has its own capacity: whoever spawns an actor with a {@link MeteredMailbox} first
 * {@link #assign assigns} the capacity of its mailbox here, by the actor's path, and later
 * {@link #take takes} what the mailbox measured. Pekko creates an actor's mailbox while spawning
 * it, in the spawning thread, so the capacity is always there in time.
 */
public final class MailboxMeters implements Extension {

    private static final class Id extends ExtensionId<MailboxMeters> {
        @Override
        public MailboxMeters createExtension(ActorSystem<?> system) {
            return new MailboxMeters(system);
        }
    }

    private static final Id ID = new Id();

    public static MailboxMeters get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    private final ActorSystem<?> system;
    private final Map<ActorPath, Integer> capacities = new ConcurrentHashMap<>();
    private final Map<ActorPath, MeteredMessageQueue> queues = new ConcurrentHashMap<>();

    private MailboxMeters(ActorSystem<?> system) {
        this.system = system;
    }

    /** The capacity of the mailbox of the actor about to be spawned at {@code path}, 0 for unbounded. */
    public void assign(ActorPath path, int capacity) {
        capacities.put(path, capacity);
    }

    /** What the mailbox of the actor at {@code path} measured; it is forgotten here. */
    public MailboxStats take(ActorPath path) {
        var queue = queues.remove(path);
        return queue == null ? MailboxStats.NONE : queue.stats();
    }

    MeteredMessageQueue create(ActorRef owner) {
        // Paths compare without the actor's uid, so the path assigned before spawning matches.
        var capacity = capacities.remove(owner.path());
        var queue = new MeteredMessageQueue(capacity == null ? 0 : capacity, system.classicSystem().deadLetters());
        queues.put(owner.path(), queue);
        return queue;
    }
}
