package org.pekkolab.imagepipeline.run;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.delivery.ProducerController;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.node.FilterWorker;
import org.pekkolab.imagepipeline.node.ImageBatch;
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.settings.PullWindow;

/**
 * Work pulling with Pekko's reliable delivery, one producer per worker: for every worker's
 * {@link ConsumerController} the Receptionist lists, a {@link ProducerController} of its own. A
 * worker's consumer asks for images as it confirms them, at most its window ahead; each image goes
 * to a worker that asked, the one holding the fewest. Pekko's {@code WorkPullingProducerController}
 * does the same without saying where each image went; knowing it is what lets a run send the
 * images of a node that leaves or dies to the others at once, and count them.
 *
 * <p>A worker in another JVM gets its images in batches ({@link PullWindow#imagesPerMessage}), as
 * many as are ready up to the batch. Once the run's end has begun, images go one at a time, and
 * only to a worker that holds no more than any other: a worker far ahead in a long queue does not
 * get the last images while another runs dry.
 */
final class PullDistributor implements Distributor {

    /** A worker asked for more: its producer controller's demand. */
    record Demand(ProducerController.RequestNext<ImageBatch> next) implements Event {}

    /** One worker, as this distributor sees it. */
    private static final class Link {
        final ActorRef<ConsumerController.Command<ImageBatch>> consumer;
        final ActorRef<ProducerController.Command<ImageBatch>> producer;
        final String node;
        /** Images the worker may hold, and at most in one message. */
        final int window;
        final int perMessage;
        ProducerController.RequestNext<ImageBatch> demand;

        Link(ActorRef<ConsumerController.Command<ImageBatch>> consumer, ActorRef<ProducerController.Command<ImageBatch>> producer, String node,
                int window, int perMessage) {
            this.consumer = consumer;
            this.producer = producer;
            this.node = node;
            this.window = window;
            this.perMessage = perMessage;
        }
    }

    private final ActorContext<RunSupervisor.Command> context;
    private final RunLedger ledger;
    private final Consumer<ImageJob> sendAgain;
    private final ServiceKey<ConsumerController.Command<ImageBatch>> key;
    private final String runId;
    private final PullWindow window;
    private final String localAddress;
    private final ActorRef<ProducerController.RequestNext<ImageBatch>> demands;
    private final Map<ActorRef<ConsumerController.Command<ImageBatch>>, Link> links = new LinkedHashMap<>();
    private final Map<String, Link> byProducerId = new HashMap<>();
    private final HeldImages<Link> held = new HeldImages<>();
    /** Nodes that left or died: the Receptionist may list their workers a little longer. */
    private final Set<String> goneNodes = new HashSet<>();
    private int producers;
    private boolean ending;

    /** @param sendAgain takes an image back to be sent before any new one */
    PullDistributor(ActorContext<RunSupervisor.Command> context, String runId, PullWindow window, RunLedger ledger, Consumer<ImageJob> sendAgain) {
        this.context = context;
        this.runId = runId;
        this.window = window;
        this.ledger = ledger;
        this.sendAgain = sendAgain;
        this.key = FilterWorker.serviceKey(runId);
        this.localAddress = context.getSystem().address().toString();
        this.demands = context.messageAdapter(ProducerController.requestNextClass(), Demand::new);
    }

    @Override
    public Optional<ServiceKey<?>> workerKey() {
        return Optional.of(key);
    }

    @Override
    public int workersReady() {
        return links.size();
    }

    @Override
    public void workersListed(Receptionist.Listing listing) {
        var listed = listing.getServiceInstances(key);
        for (var consumer : listed) {
            if (!links.containsKey(consumer) && !goneNodes.contains(nodeOf(consumer))) {
                connect(consumer);
            }
        }
        for (var link : new ArrayList<>(links.values())) {
            if (!listed.contains(link.consumer)) {
                disconnect(link);
            }
        }
    }

    private void connect(ActorRef<ConsumerController.Command<ImageBatch>> consumer) {
        var producerId = runId + "-" + (++producers);
        var producer = context.spawn(ProducerController.create(ImageBatch.class, producerId, Optional.empty()), "producer-" + producers,
                DispatcherSelector.sameAsParent());
        var node = nodeOf(consumer);
        boolean beside = node.equals(localAddress);
        var link = new Link(consumer, producer, node, window.forWorker(beside), window.imagesPerMessage(beside));
        links.put(consumer, link);
        byProducerId.put(producerId, link);
        producer.tell(new ProducerController.Start<>(demands));
        producer.tell(new ProducerController.RegisterConsumer<>(consumer));
    }

    private String nodeOf(ActorRef<?> worker) {
        var address = worker.path().address();
        return address.hasLocalScope() ? localAddress : address.toString();
    }

    /** The worker is gone: the images it held go to the others, first. */
    private int disconnect(Link link) {
        links.remove(link.consumer);
        byProducerId.values().remove(link);
        context.stop(link.producer);
        return held.handBack(link, ledger, sendAgain);
    }

    @Override
    public boolean hasDemand() {
        return chosen() != null;
    }

    /** The worker that asked and holds the fewest; at the end of a run, only one that holds no more than any other. */
    private Link chosen() {
        Link chosen = null;
        int chosenHolds = Integer.MAX_VALUE;
        int fewest = Integer.MAX_VALUE;
        for (var link : links.values()) {
            int count = held.count(link);
            fewest = Math.min(fewest, count);
            if (link.demand != null && count < chosenHolds) {
                chosen = link;
                chosenHolds = count;
            }
        }
        return chosen == null || (ending && chosenHolds > fewest) ? null : chosen;
    }

    @Override
    public void send(Deque<ImageJob> ready) {
        var link = chosen();
        int count = ending ? 1 : Math.min(link.perMessage, ready.size());
        var jobs = new ArrayList<ImageJob>(count);
        for (int i = 0; i < count; i++) {
            var job = ready.poll();
            jobs.add(job);
            held.hold(link, job);
            ledger.handedOut(job.id());
        }
        link.demand.sendNextTo().tell(new ImageBatch(jobs));
        link.demand = null;
    }

    /** Every worker's window in images. */
    @Override
    public int capacity() {
        return links.values().stream().mapToInt(link -> link.window).sum();
    }

    @Override
    public void ending() {
        ending = true;
    }

    @Override
    public void accounted(long id) {
        held.release(id);
    }

    @Override
    public void undelivered(long id, int attempt) {
        // Reliable delivery does not drop images: nothing comes back this way in pull mode.
    }

    @Override
    public int nodeGone(String address) {
        goneNodes.add(address);
        int back = 0;
        for (var link : new ArrayList<>(links.values())) {
            if (link.node.equals(address)) {
                back += disconnect(link);
            }
        }
        return back;
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof Demand demand) {
            var link = byProducerId.get(demand.next().producerId());
            if (link != null) {
                link.demand = demand.next();
            }
        }
    }
}
