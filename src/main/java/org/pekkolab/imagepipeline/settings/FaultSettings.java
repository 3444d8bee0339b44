package org.pekkolab.imagepipeline.settings;

/**
 * What happens when the per-image work throws, and which faults are injected.
 *
 * @param maxRetries retries of an image whose filter chain threw ({@code --max-retries})
 * @param supervision what happens to the worker ({@code --supervision})
 * @param injected faults injected for experiments ({@code --fail-rate}, {@code --slow-rate})
 */
public record FaultSettings(int maxRetries, Supervision supervision, FaultPlan injected) {

    public static final FaultSettings DEFAULT = new FaultSettings(2, Supervision.RESTART, FaultPlan.NONE);

    public FaultSettings {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
    }
}
