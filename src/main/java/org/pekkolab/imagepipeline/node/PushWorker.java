package org.pekkolab.imagepipeline.node;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.processing.FaultInjector;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.run.PipelineSupervisor;
import org.pekkolab.imagepipeline.settings.FaultSettings;

/**
 * A filter worker of push mode (--mode push): images arrive through the supervisor's round-robin
 * router whether the worker is ready or not, and wait in its mailbox. That mailbox is a metered
 * one (see {@code mailbox.MeteredMailbox}), bounded or not; what it refuses goes to dead letters,
 * where the node agent picks it up and sends it back to the supervisor.
 *
 * <p>The attempt number travels with each image, so retries are bounded whichever worker, on
 * whichever node, gets the image next. When the filter chain throws, the worker first sends the
 * image's next attempt to itself (or reports the image failed after {@code maxRetries} retries),
 * then rethrows for its supervision strategy: restarted, resumed or backed off, it finds the
 * image in its mailbox; stopped, its mailbox goes to dead letters and so back to the supervisor.
 * An input that is not a decodable image is reported, not retried.
 */
public final class PushWorker extends AbstractBehavior<PushWorker.Command> {

    public sealed interface Command {}

    /** One attempt at an image; the first is number 1. */
    public record Attempt(ImageJob job, int number) implements Command, CborSerializable {}

    /** How a worker is set up; shared by all push workers of a run on a node. */
    public record Settings(
            ServiceKey<Command> serviceKey,
            ImageProcessor processor,
            FaultSettings faults,
            String node,
            ActorRef<MetricsCollector.Command> metrics,
            boolean reportStarts) {}

    public static Behavior<Command> create(String name, Settings settings) {
        return Behaviors.setup(context -> {
            // Registered once, outside the supervised behavior, which a restart sets up again.
            context.getSystem().receptionist().tell(Receptionist.register(settings.serviceKey(), context.getSelf()));
            return WorkerSupervision.supervise(
                    Behaviors.<Command>setup(inner -> new PushWorker(inner, name, settings)),
                    settings.faults().supervision(),
                    context.getSystem().settings().config());
        });
    }

    private final String name;
    private final Settings settings;
    private final FaultInjector faults;

    private PushWorker(ActorContext<Command> context, String name, Settings settings) {
        super(context);
        this.name = name;
        this.settings = settings;
        this.faults = new FaultInjector(settings.faults().injected());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Attempt.class, this::onAttempt).build();
    }

    private Behavior<Command> onAttempt(Attempt attempt) {
        var job = attempt.job();
        if (settings.reportStarts()) {
            job.replyTo().tell(new PipelineSupervisor.ImageStarted(job.id(), settings.node()));
        }
        try {
            faults.beforeAttempt(job.id(), attempt.number());
            var timing = settings.processor().process(job.name(), job.encoded(), name, settings.node());
            settings.metrics().tell(new MetricsCollector.Record(timing));
            job.replyTo().tell(new PipelineSupervisor.ImageProcessed(job.id(), timing, attempt.number()));
        } catch (UndecodableImageException e) {
            job.replyTo().tell(new PipelineSupervisor.ImageFailed(job.id(), job.name(), e.getMessage(), attempt.number()));
        } catch (RuntimeException e) {
            job.replyTo().tell(new PipelineSupervisor.WorkerRestarted(name, job.name()));
            if (attempt.number() > settings.faults().maxRetries()) {
                job.replyTo().tell(new PipelineSupervisor.ImageFailed(job.id(), job.name(),
                        AttemptLedger.describe(e) + " (gave up after " + attempt.number() + " attempts)", attempt.number()));
            } else {
                // Pekko drops the message that made an actor fail: the next attempt goes in first.
                getContext().getSelf().tell(new Attempt(job, attempt.number() + 1));
            }
            throw e;
        }
        return this;
    }
}
