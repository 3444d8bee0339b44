package org.pekkolab.imagepipeline.node;

import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.processing.FaultInjector;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.settings.FaultPlan;

/**
 * One attempt at an image, the same for pull and push workers: the injected faults, the per-image
 * work, the timing to the node's metrics actor and the outcome to the run's supervisor. What a
 * worker does when an attempt throws (retry, give up) is its own business; the way it reports
 * giving up is shared.
 */
final class ImageAttempts {

    private final ImageProcessor processor;
    private final FaultInjector faults;
    private final String worker;
    private final String node;
    private final ActorRef<MetricsCollector.Command> metrics;
    private final OutcomeBatcher outcomes;
    private final boolean localOutcomesBatched;

    /** Outcomes to a supervisor in this JVM go to it at once, to one on another node through {@code outcomes}. */
    ImageAttempts(ImageProcessor processor, FaultPlan faults, String worker, String node, ActorRef<MetricsCollector.Command> metrics,
            OutcomeBatcher outcomes) {
        this(processor, faults, worker, node, metrics, outcomes, false);
    }

    /**
     * @param localOutcomesBatched whether outcomes to a supervisor in this JVM go through {@code outcomes}
     *     too: where it works on a thread of its own, which each outcome told at once would wake
     */
    ImageAttempts(ImageProcessor processor, FaultPlan faults, String worker, String node, ActorRef<MetricsCollector.Command> metrics,
            OutcomeBatcher outcomes, boolean localOutcomesBatched) {
        this.processor = processor;
        this.faults = new FaultInjector(faults);
        this.worker = worker;
        this.node = node;
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.localOutcomesBatched = localOutcomesBatched;
    }

    /**
     * Runs attempt number {@code attempt} (1 for the first) and reports the image processed, or
     * failed when it is not a decodable image.
     *
     * @throws RuntimeException what the filters (or an injected fault) threw: the attempt failed
     */
    void run(ImageJob job, int attempt) {
        report(job, attempt(job, attempt));
    }

    /**
     * Attempt number {@code attempt} at the image, its timing to the metrics actor: processed, or
     * failed when it is not a decodable image.
     *
     * @throws RuntimeException what the filters (or an injected fault) threw: the attempt failed
     */
    ImageOutcome attempt(ImageJob job, int attempt) {
        try {
            faults.beforeAttempt(job.id(), attempt);
            var timing = processor.process(job.name(), job.encoded(), worker, node);
            metrics.tell(new MetricsCollector.Record(timing));
            return new ImageOutcome.Processed(job.id(), timing, attempt);
        } catch (UndecodableImageException e) {
            return new ImageOutcome.Failed(job.id(), job.name(), e.getMessage(), attempt);
        }
    }

    /** In a batch, unless the supervisor is in this JVM and its thread is woken by nothing. */
    private void report(ImageJob job, ImageOutcome outcome) {
        if (!localOutcomesBatched && job.replyTo().path().address().hasLocalScope()) {
            job.replyTo().tell(outcome);
        } else {
            outcomes.send(job.replyTo(), outcome);
        }
    }

    /** Tells the supervisor that an attempt threw; supervision deals with the worker. */
    void attemptFailed(ImageJob job) {
        report(job, attemptFailedOutcome(job));
    }

    ImageOutcome attemptFailedOutcome(ImageJob job) {
        return new ImageOutcome.AttemptFailed(job.id(), worker);
    }

    /** Reports the image failed for good after {@code attempts} attempts, the last of which threw {@code lastError}. */
    void gaveUp(ImageJob job, String lastError, int attempts) {
        report(job, gaveUpOutcome(job, lastError, attempts));
    }

    static ImageOutcome gaveUpOutcome(ImageJob job, String lastError, int attempts) {
        return new ImageOutcome.Failed(job.id(), job.name(), lastError + " (gave up after " + attempts + " attempts)", attempts);
    }

    /** How a failed attempt is listed: the exception's simple name and message. */
    static String describe(Throwable error) {
        var message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
