package org.pekkolab.imagepipeline.node;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
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
            OutcomeBatcher outcomes) {}

    /** The key the push workers of a run register under. */
    public static ServiceKey<Command> serviceKey(String runId) {
        return ServiceKey.create(Command.class, "push-workers-" + runId);
    }

    public static Behavior<Command> create(String name, Settings settings) {
        return Behaviors.setup(context -> {
            // Registered once, outside the supervised behavior, which a restart sets up again.
            context.getSystem().receptionist().tell(Receptionist.register(settings.serviceKey(), context.getSelf()));
            var attempts = new ImageAttempts(settings.processor(), settings.faults().injected(), name, settings.node(), settings.metrics(), settings.outcomes());
            return WorkerSupervision.supervise(
                    Behaviors.<Command>setup(inner -> new PushWorker(inner, settings.faults().maxRetries(), attempts)),
                    settings.faults().supervision(),
                    context.getSystem().settings().config());
        });
    }

    private final int maxRetries;
    private final ImageAttempts attempts;

    private PushWorker(ActorContext<Command> context, int maxRetries, ImageAttempts attempts) {
        super(context);
        this.maxRetries = maxRetries;
        this.attempts = attempts;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Attempt.class, this::onAttempt).build();
    }

    private Behavior<Command> onAttempt(Attempt attempt) {
        var job = attempt.job();
        try {
            attempts.run(job, attempt.number());
        } catch (RuntimeException e) {
            attempts.attemptFailed(job);
            if (attempt.number() > maxRetries) {
                attempts.gaveUp(job, ImageAttempts.describe(e), attempt.number());
            } else {
                // Pekko drops the message that made an actor fail: the next attempt goes in first.
                getContext().getSelf().tell(new Attempt(job, attempt.number() + 1));
            }
            throw e;
        }
        return this;
    }
}
