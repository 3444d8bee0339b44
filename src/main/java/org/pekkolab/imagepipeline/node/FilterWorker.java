package org.pekkolab.imagepipeline.node;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.Supervision;
import org.pekkolab.imagepipeline.settings.WorkerSettings;

/**
 * A filter worker of pull mode: takes images through Pekko's reliable delivery and runs the
 * filter chain on them. A message is an {@link ImageBatch}: one image beside the run's supervisor,
 * several from another JVM; the worker confirms it once it has done them all.
 *
 * <p>Its {@link ConsumerController} registers with the Receptionist under the run's service key,
 * where the run's supervisor finds it and connects a producer to it; it asks for at most
 * {@code window} messages ahead, which is what bounds the images in flight. An input that is not a
 * decodable image is reported, not retried. Any other exception (a filter chain that throws, an
 * injected fault) fails the attempt; the run's {@link Supervision} strategy, applied by
 * {@link WorkerSupervision}, decides what happens to the worker, and in every case the image is
 * tried again:
 * <ul>
 *   <li>restart, backoff: the restarted behavior sends {@code Start} again, on which the
 *       ConsumerController (a child kept across restarts) re-delivers the unconfirmed message;
 *   <li>resume: the behavior goes on without any signal, so it sends that {@code Start} itself
 *       before the failure reaches its supervisor;
 *   <li>stop: the worker stops with its ConsumerController, the supervisor sends the images it
 *       held to other workers and the node agent starts a replacement.
 * </ul>
 * Each failed attempt is reported as {@link ImageOutcome.AttemptFailed} (the run's
 * {@code restarts}). The run's {@link AttemptLedger} outlasts all of that and bounds the retries:
 * the delivery that follows {@code maxRetries + 1} failed attempts reports the image as failed
 * instead of trying it again. An image the ledger has as finished (the images of a batch before
 * the one that failed, a stopped worker's images sent again) is skipped.
 */
public final class FilterWorker extends AbstractBehavior<FilterWorker.Command> {

    public sealed interface Command {}

    private record BatchDelivered(ConsumerController.Delivery<ImageBatch> delivery) implements Command {}

    /**
     * How a worker is set up; shared by the workers of a run on one node, replacements included.
     *
     * @param window the messages its consumer may hold unconfirmed ({@code PullWindow.messages})
     * @param outcomes batches outcomes for a supervisor on another node
     * @param localOutcomesBatched whether outcomes for a supervisor in this JVM go through {@code outcomes} too
     * @param ledger the attempts of the run's images on this node
     */
    public record Settings(
            ServiceKey<ConsumerController.Command<ImageBatch>> serviceKey,
            ImageProcessor processor,
            FaultSettings faults,
            int window,
            String node,
            ActorRef<MetricsCollector.Command> metrics,
            OutcomeBatcher outcomes,
            boolean localOutcomesBatched,
            AttemptLedger ledger) {

        public Settings {
            if (window < WorkerSettings.MIN_WINDOW) {
                throw new IllegalArgumentException("window must be at least " + WorkerSettings.MIN_WINDOW + ", got " + window);
            }
        }
    }

    /** The key the workers of a run register their consumer controllers under. */
    public static ServiceKey<ConsumerController.Command<ImageBatch>> serviceKey(String runId) {
        return ServiceKey.create(ConsumerController.serviceKeyClass(), "filter-workers-" + runId);
    }

    public static Behavior<Command> create(String name, Settings settings) {
        return Behaviors.setup(context -> {
            // Settings' factory lives on its Scala companion object, which Java reaches through MODULE$.
            var consumerSettings = ConsumerController.Settings$.MODULE$.create(context.getSystem())
                    .withFlowControlWindow(settings.window());
            ActorRef<ConsumerController.Command<ImageBatch>> consumer = context.spawn(
                    ConsumerController.create(settings.serviceKey(), consumerSettings),
                    "consumer-controller",
                    DispatcherSelector.sameAsParent());
            var attempts = new ImageAttempts(settings.processor(), settings.faults().injected(), name, settings.node(), settings.metrics(), settings.outcomes(),
                    settings.localOutcomesBatched());
            // Outside the supervised behavior: the consumer controller holds the unconfirmed message across restarts.
            return WorkerSupervision.supervise(
                    Behaviors.<Command>setup(inner -> new FilterWorker(inner, settings, consumer, attempts)),
                    settings.faults().supervision(),
                    context.getSystem().settings().config());
        });
    }

    private final Settings settings;
    private final ActorRef<ConsumerController.Command<ImageBatch>> consumer;
    private final ActorRef<ConsumerController.Delivery<ImageBatch>> deliveries;
    private final ImageAttempts attempts;

    private FilterWorker(ActorContext<Command> context, Settings settings, ActorRef<ConsumerController.Command<ImageBatch>> consumer,
            ImageAttempts attempts) {
        super(context);
        this.settings = settings;
        this.consumer = consumer;
        this.attempts = attempts;
        deliveries = context.messageAdapter(ConsumerController.deliveryClass(), BatchDelivered::new);
        // After a restart too: the consumer controller then re-delivers the message it has not had confirmed.
        consumer.tell(new ConsumerController.Start<>(deliveries));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(BatchDelivered.class, this::onBatch)
                .build();
    }

    private Behavior<Command> onBatch(BatchDelivered delivered) {
        var delivery = delivered.delivery();
        for (var job : delivery.message().jobs()) {
            process(job);
        }
        delivery.confirmTo().tell(ConsumerController.confirmed());
        return this;
    }

    private void process(ImageJob job) {
        var ledger = settings.ledger();
        int attempt = ledger.begin(job.id());
        if (attempt == AttemptLedger.FINISHED) {
            getContext().getLog().debug("{} was delivered again after it was finished; skipped", job.name());
        } else if (attempt > settings.faults().maxRetries() + 1) {
            attempts.gaveUp(job, ledger.lastError(job.id()), attempt - 1);
        } else {
            try {
                attempts.run(job, attempt);
            } catch (RuntimeException e) {
                ledger.failed(job.id(), e);
                attempts.attemptFailed(job);
                if (settings.faults().supervision() == Supervision.RESUME) {
                    // A resumed behavior gets no signal, and the consumer controller re-delivers only when asked.
                    consumer.tell(new ConsumerController.Start<>(deliveries));
                }
                throw e;
            }
        }
        // Before the confirmation: a duplicate can only follow the confirmation, and must find the image finished.
        ledger.finish(job.id());
    }
}
