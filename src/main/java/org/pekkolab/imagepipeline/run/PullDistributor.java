package org.pekkolab.imagepipeline.run;

import java.util.ArrayList;
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
import org.pekkolab.imagepipeline.node.ImageJob;

/**
 * Work pulling with Pekko's reliable delivery, one producer per worker: for every worker's
 * {@link ConsumerController} the Receptionist lists, a {@link ProducerController} of its own. A
 * worker's consumer asks for images as it confirms them, at most its window ahead; each image goes
 * to a worker that asked, the one holding the fewest. Pekko's {@code WorkPullingProducerController}
 * does the same without saying where each image went; knowing it is what lets a run send the
 * images of a node that leaves or dies to the others at once, and count them.
 */
final class PullDistributor implements Distributor {

    /** A worker asked for more: its producer controller's demand. */
    record Demand(ProducerController.RequestNext<ImageJob> next) implements Event {}

    /** One worker, as this distributor sees it. */
    private static final class Link {
        final ActorRef<ConsumerController.Command<ImageJob>> consumer;
        final ActorRef<ProducerController.Command<ImageJob>> producer;
        final String node;
        ProducerController.RequestNext<ImageJob> demand;

        Link(ActorRef<ConsumerController.Command<ImageJob>> consumer, ActorRef<ProducerController.Command<ImageJob>> producer, String node) {
            this.consumer = consumer;
            this.producer = producer;
            this.node = node;
        }
    }

    private final ActorContext<RunSupervisor.Command> context;
    private final RunLedger ledger;
    private final Consumer<ImageJob> sendAgain;
    private final ServiceKey<ConsumerController.Command<ImageJob>> key;
    private final String runId;
    private final String localAddress;
    private final ActorRef<ProducerController.RequestNext<ImageJob>> demands;
    private final Map<ActorRef<ConsumerController.Command<ImageJob>>, Link> links = new LinkedHashMap<>();
    private final Map<String, Link> byProducerId = new HashMap<>();
    private final HeldImages<Link> held = new HeldImages<>();
    /** Nodes that left or died: the Receptionist may list their workers a little longer. */
    private final Set<String> goneNodes = new HashSet<>();
    private int producers;

    /** @param sendAgain takes an image back to be sent before any new one */
    PullDistributor(ActorContext<RunSupervisor.Command> context, String runId, RunLedger ledger, Consumer<ImageJob> sendAgain) {
        this.context = context;
        this.runId = runId;
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

    private void connect(ActorRef<ConsumerController.Command<ImageJob>> consumer) {
        var producerId = runId + "-" + (++producers);
        var producer = context.spawn(ProducerController.create(ImageJob.class, producerId, Optional.empty()), "producer-" + producers,
                DispatcherSelector.sameAsParent());
        var link = new Link(consumer, producer, nodeOf(consumer));
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
        for (var link : links.values()) {
            if (link.demand != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void send(ImageJob job) {
        Link chosen = null;
        for (var link : links.values()) {
            if (link.demand != null && (chosen == null || held.count(link) < held.count(chosen))) {
                chosen = link;
            }
        }
        chosen.demand.sendNextTo().tell(job);
        chosen.demand = null;
        held.hold(chosen, job);
        ledger.handedOut(job.id());
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
