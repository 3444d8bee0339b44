package org.pekkolab.imagepipeline.run;

import java.util.Deque;
import java.util.Optional;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.NodeAgent;

/**
 * How the images of a run reach its workers, for the {@link RunSupervisor}: it reads the images
 * and keeps the accounts, a distributor decides which worker gets which image and when. It works
 * inside the supervisor (its context, its thread): no extra hop per image.
 *
 * <ul>
 *   <li>{@link PullDistributor}: each worker asks for images through Pekko's reliable delivery, at
 *       most its window ahead, so the images in flight are bounded whatever the input;
 *   <li>{@link PushDistributor}: every image is sent the moment it is read, through a round-robin
 *       router, into the workers' mailboxes.
 * </ul>
 * Both follow the workers the Receptionist lists for the run, so workers that join (a node that
 * joins the cluster) get images and the images of workers that go away (a node that leaves or
 * dies, a worker stopped by its supervision) are sent again to the others.
 */
sealed interface Distributor permits PullDistributor, PushDistributor, StreamDistributor {

    /** A message for the distributor itself, handled on the supervisor's thread. */
    sealed interface Event extends RunSupervisor.Command permits PullDistributor.Demand, PushDistributor.ResendDue, StreamDistributor.StreamEnded {}

    /** The Receptionist key the run's workers register under; empty where there is none (stream: each node's stream is its workers). */
    Optional<ServiceKey<?>> workerKey();

    /** The workers listed under {@link #workerKey} now. */
    default void workersListed(Receptionist.Listing listing) {}

    /** How many workers can take images now. */
    int workersReady();

    /** A node has started its part of the run (its workers, or its stream). */
    default void nodeStarted(NodeAgent.WorkersStarted started) {}

    /** The run is over: what the distributor started stops. */
    default void close() {}

    /** Whether a worker can take an image now. */
    boolean hasDemand();

    /** Hands the first image of {@code ready}, or the first few, to a worker; only when {@link #hasDemand()} and there is one. */
    void send(Deque<ImageJob> ready);

    /**
     * The images the workers may hold together, 0 where no window bounds them: the supervisor reads
     * that far ahead, and once no more are left to hand out (ready or still to be read) the end of
     * the run begins (see {@link #ending}).
     */
    default int capacity() {
        return 0;
    }

    /** The end of the run has begun: what is left is shared out so that the workers finish together. */
    default void ending() {}

    /** The image is accounted for: no worker holds it any more. */
    void accounted(long id);

    /** An image came back from a node undelivered (push: a full mailbox, a stopped worker). */
    void undelivered(long id, int attempt);

    /**
     * The node at {@code address} is gone or leaving: the images its workers held are sent again
     * to the others. Returns how many.
     */
    int nodeGone(String address);

    void onEvent(Event event);

    /** How long the distributor held reading back to keep the heap from running out; 0 where it never does. */
    default double heldBackMs() {
        return 0;
    }
}
