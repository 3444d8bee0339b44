package org.pekkolab.imagepipeline.processing;

import java.util.SplittableRandom;
import org.pekkolab.imagepipeline.settings.FaultPlan;

/**
 * Applies a {@link FaultPlan} to image attempts. The decision for an attempt is drawn from a
 * generator seeded with the plan's seed, the image id and the attempt number, so it is the same
 * on every run and every node, whichever worker gets the image and in whatever order.
 */
public final class FaultInjector {

    /** What a worker throws for an injected failure: a worker fault, so it is retried. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(long imageId, int attempt) {
            super("injected fault (image " + imageId + ", attempt " + attempt + ")");
        }
    }

    private final FaultPlan plan;

    public FaultInjector(FaultPlan plan) {
        this.plan = plan;
    }

    public boolean enabled() {
        return plan.any();
    }

    /**
     * Called by a worker before it processes an attempt: sleeps when the attempt is slow and
     * throws {@link InjectedFault} when it fails.
     */
    public void beforeAttempt(long imageId, int attempt) {
        if (!plan.any()) {
            return;
        }
        var random = new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + imageId * 0xBF58476D1CE4E5B9L + attempt);
        boolean fails = random.nextDouble() < plan.failRate();
        boolean slow = random.nextDouble() < plan.slowRate();
        if (slow && plan.slowMs() > 0) {
            try {
                Thread.sleep(plan.slowMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fails) {
            throw new InjectedFault(imageId, attempt);
        }
    }
}
