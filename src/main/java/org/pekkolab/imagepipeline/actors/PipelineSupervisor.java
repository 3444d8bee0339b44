package org.pekkolab.imagepipeline.actors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.delivery.WorkPullingProducerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.metrics.Failure;
import org.pekkolab.imagepipeline.metrics.ImageTiming;
import org.pekkolab.imagepipeline.metrics.MetricsSnapshot;
import org.pekkolab.imagepipeline.metrics.RunOutcome;
import org.pekkolab.imagepipeline.processing.ImageProcessor;

/**
 * The supervisor of one run: spawns the filter workers on the run's dispatcher, the reader on the
 * blocking dispatcher and the metrics actor, then distributes the images through a
 * {@link WorkPullingProducerController}. The producer controller hands an image to whichever
 * worker has asked for one, so no worker is ever sent more than its window.
 *
 * <p>The supervisor owns the bookkeeping that makes "nothing lost" checkable: every image id is
 * counted once as processed or failed; retries and restarts are counted as the workers report
 * them. When all images are accounted for it collects the metrics, replies and stops, which stops
 * its workers.
 */
public final class PipelineSupervisor extends AbstractBehavior<PipelineSupervisor.Command> {

    public sealed interface Command {}

    public record FileRead(long id, String name, byte[] bytes) implements Command {}

    public record FileUnreadable(long id, String name, String reason) implements Command {}

    public record ImageProcessed(long id, ImageTiming timing, int attempt) implements Command {}

    /** @param attempts how many times the image was tried */
    public record ImageFailed(long id, String name, String reason, int attempts) implements Command {}

    public record WorkerRestarted(String worker, String image) implements Command {}

    private record WorkersListed(Receptionist.Listing listing) implements Command {}

    private record WrappedRequestNext(WorkPullingProducerController.RequestNext<ImageJob> next) implements Command {}

    private record MetricsCollected(MetricsSnapshot snapshot) implements Command {}

    /** What one run is: the inputs and how the workers are set up. */
    public record Plan(
            List<Path> files,
            int repeat,
            int workers,
            String dispatcherPath,
            ImageProcessor processor,
            int maxRetries,
            int window,
            int readAhead,
            Duration sampleInterval) {

        public int images() {
            return files.size() * repeat;
        }
    }

    public static Behavior<Command> create(Plan plan, IntConsumer onProgress, ActorRef<RunOutcome> replyTo) {
        return Behaviors.setup(context -> new PipelineSupervisor(context, plan, onProgress, replyTo));
    }

    private final Plan plan;
    private final IntConsumer onProgress;
    private final ActorRef<RunOutcome> replyTo;
    private final ServiceKey<ConsumerController.Command<ImageJob>> serviceKey;
    private final ActorRef<WorkPullingProducerController.Command<ImageJob>> producer;
    private final ActorRef<ImageReader.Command> reader;
    private final ActorRef<MetricsCollector.Command> metrics;
    private final ArrayDeque<ImageJob> readAhead = new ArrayDeque<>();
    private final BitSet accountedFor = new BitSet();
    private final List<Failure> failures = new ArrayList<>();
    private final int total;

    private WorkPullingProducerController.RequestNext<ImageJob> pendingDemand;
    private boolean started;
    private boolean finishing;
    private long startNanos;
    private double wallMs;
    private int nextToRead;
    private int readsOutstanding;
    private int processed;
    private int inFlight;
    private int peakInFlight;
    private int retried;
    private int restarts;

    private PipelineSupervisor(ActorContext<Command> context, Plan plan, IntConsumer onProgress, ActorRef<RunOutcome> replyTo) {
        super(context);
        this.plan = plan;
        this.onProgress = onProgress;
        this.replyTo = replyTo;
        this.total = plan.images();
        var node = context.getSystem().address().toString();
        // The supervisor's name is unique per run: workers of an earlier run can never join this one.
        var runId = context.getSelf().path().name();
        serviceKey = ServiceKey.create(ConsumerController.serviceKeyClass(), "filter-workers-" + runId);
        metrics = context.spawn(MetricsCollector.create(node, plan.sampleInterval()), "metrics");
        reader = context.spawn(ImageReader.create(), "reader", DispatcherSelector.fromConfig("pipeline.blocking-io-dispatcher"));
        var workerSettings = new FilterWorker.Settings(serviceKey, plan.processor(), plan.maxRetries(), plan.window(), node);
        for (int i = 1; i <= plan.workers(); i++) {
            var name = "worker-" + i;
            context.spawn(FilterWorker.create(name, workerSettings), name, DispatcherSelector.fromConfig(plan.dispatcherPath()));
        }
        producer = context.spawn(
                WorkPullingProducerController.create(ImageJob.class, "images-" + runId, serviceKey, Optional.empty()),
                "producer-controller");
        context.getSystem().receptionist().tell(Receptionist.subscribe(
                serviceKey, context.messageAdapter(Receptionist.Listing.class, WorkersListed::new)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WorkersListed.class, this::onWorkersListed)
                .onMessage(WrappedRequestNext.class, this::onDemand)
                .onMessage(FileRead.class, this::onFileRead)
                .onMessage(FileUnreadable.class, this::onFileUnreadable)
                .onMessage(ImageProcessed.class, this::onProcessed)
                .onMessage(ImageFailed.class, this::onFailed)
                .onMessage(WorkerRestarted.class, this::onWorkerRestarted)
                .onMessage(MetricsCollected.class, this::onMetrics)
                .build();
    }

    /** The clock starts once every worker is registered, so that spawning is not timed. */
    private Behavior<Command> onWorkersListed(WorkersListed listed) {
        if (!started && listed.listing().getServiceInstances(serviceKey).size() >= plan.workers()) {
            started = true;
            startNanos = System.nanoTime();
            producer.tell(new WorkPullingProducerController.Start<>(
                    getContext().messageAdapter(WorkPullingProducerController.requestNextClass(), WrappedRequestNext::new)));
            readMore();
        }
        return this;
    }

    private Behavior<Command> onDemand(WrappedRequestNext demand) {
        pendingDemand = demand.next();
        sendIfPossible();
        return this;
    }

    private Behavior<Command> onFileRead(FileRead read) {
        readsOutstanding--;
        readAhead.add(new ImageJob(read.id(), read.name(), read.bytes(), getContext().getSelf()));
        sendIfPossible();
        return this;
    }

    private Behavior<Command> onFileUnreadable(FileUnreadable unreadable) {
        readsOutstanding--;
        if (account(unreadable.id())) {
            failures.add(new Failure(unreadable.name(), unreadable.reason()));
        }
        readMore();
        return completeIfDone();
    }

    private Behavior<Command> onProcessed(ImageProcessed done) {
        if (account(done.id())) {
            inFlight--;
            processed++;
            retried += done.attempt() - 1;
            metrics.tell(new MetricsCollector.Record(done.timing()));
        }
        return completeIfDone();
    }

    private Behavior<Command> onFailed(ImageFailed failed) {
        if (account(failed.id())) {
            inFlight--;
            retried += Math.max(0, failed.attempts() - 1);
            failures.add(new Failure(failed.name(), failed.reason()));
        }
        return completeIfDone();
    }

    private Behavior<Command> onWorkerRestarted(WorkerRestarted restarted) {
        restarts++;
        return this;
    }

    private Behavior<Command> onMetrics(MetricsCollected collected) {
        int lost = total - accountedFor.cardinality();
        replyTo.tell(new RunOutcome(wallMs, total, processed, List.copyOf(failures), retried, restarts, lost, peakInFlight, collected.snapshot()));
        return Behaviors.stopped();
    }

    private void sendIfPossible() {
        if (pendingDemand != null && !readAhead.isEmpty()) {
            pendingDemand.sendNextTo().tell(readAhead.poll());
            pendingDemand = null;
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
            readMore();
        }
    }

    private void readMore() {
        while (nextToRead < total && readAhead.size() + readsOutstanding < plan.readAhead()) {
            var file = plan.files().get(nextToRead % plan.files().size());
            reader.tell(new ImageReader.Read(nextToRead, file, getContext().getSelf()));
            nextToRead++;
            readsOutstanding++;
        }
    }

    /** True the first time an image is accounted for: a duplicate report must not count twice. */
    private boolean account(long id) {
        if (accountedFor.get((int) id)) {
            return false;
        }
        accountedFor.set((int) id);
        onProgress.accept(accountedFor.cardinality());
        return true;
    }

    private Behavior<Command> completeIfDone() {
        if (accountedFor.cardinality() == total && !finishing) {
            finishing = true;
            wallMs = (System.nanoTime() - startNanos) / 1e6;
            metrics.tell(new MetricsCollector.Finish(getContext().messageAdapter(MetricsSnapshot.class, MetricsCollected::new)));
        }
        return this;
    }
}
