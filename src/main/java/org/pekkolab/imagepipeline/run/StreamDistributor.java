package org.pekkolab.imagepipeline.run;

import java.util.Deque;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.ImageOutcome;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.StreamWorkers;
import org.pekkolab.imagepipeline.node.WorkerSpec;

/**
 * Stream mode: each node runs its filter work as a Pekko Streams graph ({@link StreamWorkers}); for
 * each, a bounded queue here feeds the node's {@code SinkRef}, and the node's {@code SourceRef} of
 * outcomes runs into the supervisor. The queue takes an image only while it has room, and drains only
 * as fast as the node's stream asks: the streams' demand is the backpressure, in one JVM and across
 * nodes alike. A node holds at most its workers' images plus two buffers (this queue, its SinkRef). Each image goes to the node with room that holds the fewest; the images a node holds
 * are known, so when it leaves or dies they go to the others first.
 */
final class StreamDistributor implements Distributor {

    /** One end of a node's stream terminated; {@code failure} is null when it completed. */
    record StreamEnded(String node, Throwable failure) implements Event {}

    /** One node's stream, as this distributor feeds it. */
    private static final class Link {
        final String node;
        final BoundedSourceQueue<ImageJob> queue;

        Link(String node, BoundedSourceQueue<ImageJob> queue) {
            this.node = node;
            this.queue = queue;
        }
    }

    private final ActorContext<RunSupervisor.Command> context;
    private final Materializer materializer;
    private final WorkerSpec.RunWorkers workers;
    private final RunLedger ledger;
    private final Consumer<ImageJob> sendAgain;
    private final ActorRef<ImageOutcome> outcomes;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final HeldImages<Link> held = new HeldImages<>();

    /**
     * @param sendAgain takes an image back to be sent before any new one
     * @param outcomes where the nodes' outcomes go: the supervisor's
     */
    StreamDistributor(ActorContext<RunSupervisor.Command> context, WorkerSpec.RunWorkers workers, RunLedger ledger, Consumer<ImageJob> sendAgain,
            ActorRef<ImageOutcome> outcomes) {
        this.context = context;
        this.materializer = Materializer.createMaterializer(context);
        this.workers = workers;
        this.ledger = ledger;
        this.sendAgain = sendAgain;
        this.outcomes = outcomes;
    }

    @Override
    public Optional<ServiceKey<?>> workerKey() {
        return Optional.empty();
    }

    @Override
    public int workersReady() {
        return links.size() * workers.count();
    }

    /** Attaches to the node's stream: a queue into its images, its outcomes into the supervisor. */
    @Override
    public void nodeStarted(NodeAgent.WorkersStarted started) {
        var ends = started.stream();
        if (ends == null || links.containsKey(started.address())) {
            return;
        }
        var address = started.address();
        var images = Source.<ImageJob>queue(workers.streamBuffer()).watchTermination(Keep.both()).to(ends.images().getSink()).run(materializer);
        links.put(address, new Link(address, images.first()));
        var outcomesDone = ends.outcomes().getSource().runWith(Sink.foreach(outcomes::tell), materializer);
        context.pipeToSelf(images.second(), (done, failure) -> new StreamEnded(address, failure));
        context.pipeToSelf(outcomesDone, (done, failure) -> new StreamEnded(address, failure));
    }

    @Override
    public boolean hasDemand() {
        return links.values().stream().anyMatch(this::hasRoom);
    }

    /**
     * Whether the node's queue has room, and the node holds fewer images than its stream can: its
     * workers', its SinkRef's buffer and this queue's. Without that cap, images finished and on their
     * way back would let a node hold a few more.
     */
    private boolean hasRoom(Link link) {
        return !link.queue.isCompleted() && link.queue.size() < workers.streamBuffer()
                && held.count(link) < workers.count() + 2 * workers.streamBuffer();
    }

    @Override
    public void send(Deque<ImageJob> ready) {
        var job = ready.poll();
        var link = links.values().stream().filter(this::hasRoom).min(Comparator.comparingInt(held::count)).orElseThrow();
        if (link.queue.offer(job).isEnqueued()) {
            held.hold(link, job);
            ledger.handedOut(job.id());
        } else {
            sendAgain.accept(job);
        }
    }

    @Override
    public void accounted(long id) {
        held.release(id);
    }

    /** Nothing comes back undelivered from a stream: a node's images come back when it goes. */
    @Override
    public void undelivered(long id, int attempt) {}

    @Override
    public int nodeGone(String address) {
        var link = links.remove(address);
        if (link == null) {
            return 0;
        }
        complete(link);
        return held.handBack(link, ledger, sendAgain);
    }

    /**
     * A node's stream failed while the node is up (a message between the JVMs was lost, say): the
     * images it held go to the other nodes, as when a node dies. One that completed was stopped.
     */
    @Override
    public void onEvent(Event event) {
        if (event instanceof StreamEnded ended && ended.failure() != null && links.containsKey(ended.node())) {
            int back = nodeGone(ended.node());
            context.getLog().warn("the stream to node {} failed ({}); its {} images go to the other nodes", ended.node(),
                    ended.failure().getMessage(), back);
        }
    }

    @Override
    public void close() {
        links.values().forEach(StreamDistributor::complete);
    }

    /** Ends the queue into the node's stream, unless that stream ended it first (a node that stopped or died). */
    private static void complete(Link link) {
        try {
            link.queue.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // The node's end of the stream went first.
        }
    }
}
