package org.pekkolab.imagepipeline.mailbox;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.pekkolab.imagepipeline.results.MailboxStats;

/**
 * The message queue of one actor that counts what waits in it: the current size, the highest
 * size reached and, when it has a capacity, the messages it refused.
 *
 * <p>Many senders enqueue at once and the actor dequeues: a slot is reserved with a
 * compare-and-set before the message is added, so the size never exceeds the capacity. A message
 * that finds no slot goes to dead letters at once, as with Pekko's own bounded mailbox and a push
 * timeout of zero: senders never block.
 *
 * <p>Pekko's own signals that travel as messages (a back-off supervisor's scheduled restart) are
 * never refused and not counted: they wait in a queue of their own and are taken first. Refused,
 * a scheduled restart would leave the actor in its back-off for ever, stashing all that comes.
 */
public final class MeteredMessageQueue implements MessageQueue {

    private final Queue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final Queue<Envelope> signals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final int capacity;
    private final ActorRef deadLetters;
    private volatile boolean closed;

    /** @param capacity the most messages it holds, 0 for no limit */
    MeteredMessageQueue(int capacity, ActorRef deadLetters) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 (unbounded) or more, got " + capacity);
        }
        this.capacity = capacity;
        this.deadLetters = deadLetters;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
        if (handle.message() instanceof Signal) {
            signals.add(handle);
        } else if (reserveSlot()) {
            queue.add(handle);
        } else {
            refused.incrementAndGet();
            deadLetters.tell(new DeadLetter(handle.message(), handle.sender(), receiver), handle.sender());
            return;
        }
        if (closed) {
            // The actor stopped while this was on its way in: Pekko drained the queue already.
            drainTo(receiver);
        }
    }

    private boolean reserveSlot() {
        while (true) {
            int current = size.get();
            if (capacity > 0 && current >= capacity) {
                return false;
            }
            if (size.compareAndSet(current, current + 1)) {
                peak.accumulateAndGet(current + 1, Math::max);
                return true;
            }
        }
    }

    @Override
    public Envelope dequeue() {
        var signal = signals.poll();
        if (signal != null) {
            return signal;
        }
        var envelope = queue.poll();
        if (envelope != null) {
            size.decrementAndGet();
        }
        return envelope;
    }

    @Override
    public int numberOfMessages() {
        return size.get() + signals.size();
    }

    @Override
    public boolean hasMessages() {
        return !queue.isEmpty() || !signals.isEmpty();
    }

    /** Called once the actor has stopped: what is left goes to dead letters, where its senders can find it. */
    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetterQueue) {
        closed = true;
        for (var envelope = dequeue(); envelope != null; envelope = dequeue()) {
            deadLetterQueue.enqueue(owner, envelope);
        }
    }

    private void drainTo(ActorRef owner) {
        for (var envelope = dequeue(); envelope != null; envelope = dequeue()) {
            deadLetters.tell(new DeadLetter(envelope.message(), envelope.sender(), owner), envelope.sender());
        }
    }

    /** The highest size so far and the refused messages. */
    public MailboxStats stats() {
        return new MailboxStats(peak.get(), refused.get());
    }
}
