package org.pekkolab.imagepipeline.actors;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.processing.ImageProcessor;

/**
 * A filter worker: pulls images through Pekko's reliable-delivery work pulling and runs the
 * filter chain on them.
 *
 * <p>Its {@link ConsumerController} registers with the Receptionist under the run's service key
 * and asks the producer for at most {@code window} images ahead, which is what bounds the number
 * of images in flight. A filter chain that throws fails the worker; supervision restarts it and
 * the restarted worker sends {@code Start} again, on which the ConsumerController re-delivers the
 * unconfirmed image. The {@link AttemptLedger} outlives the restarts and ends the retries after
 * {@code maxRetries}. An input that is not a decodable image is reported, not retried.
 */
public final class FilterWorker extends AbstractBehavior<FilterWorker.Command> {

    public sealed interface Command {}

    private record JobDelivered(ConsumerController.Delivery<ImageJob> delivery) implements Command {}

    /**
     * Pekko's ConsumerController requests more when half its window is used; with a window of 1
     * or 2 that never happens after the first image and the worker stalls.
     */
    public static final int MIN_WINDOW = 3;

    /** How a worker is set up; shared by all workers of a run. */
    public record Settings(
            ServiceKey<ConsumerController.Command<ImageJob>> serviceKey,
            ImageProcessor processor,
            int maxRetries,
            int window,
            String node,
            ActorRef<MetricsCollector.Command> metrics,
            boolean reportStarts) {

        public Settings {
            if (window < MIN_WINDOW) {
                throw new IllegalArgumentException("window must be at least " + MIN_WINDOW + ", got " + window);
            }
        }
    }

    public static Behavior<Command> create(String name, Settings settings) {
        return Behaviors.setup(context -> {
            // Settings' factory lives on its Scala companion object, which Java reaches through MODULE$.
            var consumerSettings = ConsumerController.Settings$.MODULE$.create(context.getSystem())
                    .withFlowControlWindow(settings.window());
            ActorRef<ConsumerController.Command<ImageJob>> consumer = context.spawn(
                    ConsumerController.create(settings.serviceKey(), consumerSettings),
                    "consumer-controller",
                    DispatcherSelector.sameAsParent());
            var ledger = new AttemptLedger();
            // The consumer controller and the ledger must survive restarts: they hold the unconfirmed image.
            return Behaviors.supervise(Behaviors.<Command>setup(
                            inner -> new FilterWorker(inner, name, settings, consumer, ledger)))
                    .onFailure(SupervisorStrategy.restart().withStopChildren(false));
        });
    }

    private final String name;
    private final Settings settings;
    private final AttemptLedger ledger;
    private ImageJob current;

    private FilterWorker(
            ActorContext<Command> context,
            String name,
            Settings settings,
            ActorRef<ConsumerController.Command<ImageJob>> consumer,
            AttemptLedger ledger) {
        super(context);
        this.name = name;
        this.settings = settings;
        this.ledger = ledger;
        ActorRef<ConsumerController.Delivery<ImageJob>> deliveries =
                context.messageAdapter(ConsumerController.deliveryClass(), JobDelivered::new);
        consumer.tell(new ConsumerController.Start<>(deliveries));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(JobDelivered.class, this::onJob)
                .onSignal(PreRestart.class, signal -> onRestart())
                .build();
    }

    private Behavior<Command> onJob(JobDelivered delivered) {
        var delivery = delivered.delivery();
        var job = delivery.message();
        int attempt = ledger.begin(job.id());
        if (attempt > settings.maxRetries() + 1) {
            int attempts = attempt - 1;
            job.replyTo().tell(new PipelineSupervisor.ImageFailed(
                    job.id(), job.name(), ledger.lastError(job.id()) + " (gave up after " + attempts + " attempts)", attempts));
        } else {
            current = job;
            if (settings.reportStarts()) {
                job.replyTo().tell(new PipelineSupervisor.ImageStarted(job.id(), settings.node()));
            }
            try {
                var timing = settings.processor().process(job.name(), job.encoded(), name, settings.node());
                settings.metrics().tell(new MetricsCollector.Record(timing));
                job.replyTo().tell(new PipelineSupervisor.ImageProcessed(job.id(), timing, attempt));
            } catch (UndecodableImageException e) {
                job.replyTo().tell(new PipelineSupervisor.ImageFailed(job.id(), job.name(), e.getMessage(), attempt));
            } catch (RuntimeException e) {
                ledger.failed(job.id(), e);
                throw e;
            }
        }
        current = null;
        ledger.forget(job.id());
        delivery.confirmTo().tell(ConsumerController.confirmed());
        return this;
    }

    private Behavior<Command> onRestart() {
        if (current != null) {
            current.replyTo().tell(new PipelineSupervisor.WorkerRestarted(name, current.name()));
        }
        return this;
    }
}
