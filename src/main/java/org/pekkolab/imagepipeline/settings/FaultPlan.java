package org.pekkolab.imagepipeline.settings;

/**
 * Faults injected into filter workers for experiments. Whether an attempt fails or is slow depends
 * only on the seed, the image id and the attempt number, so a run is reproducible whatever the
 * scheduling.
 *
 * @param failRate share of image attempts whose filter chain throws, in [0, 1]
 * @param slowRate share of image attempts that take {@code slowMs} longer, in [0, 1]
 */
public record FaultPlan(double failRate, double slowRate, long slowMs, long seed) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0);

    public FaultPlan {
        if (!(failRate >= 0 && failRate <= 1) || !(slowRate >= 0 && slowRate <= 1)) {
            throw new IllegalArgumentException("rates must be between 0 and 1");
        }
        if (slowMs < 0) {
            throw new IllegalArgumentException("slowMs must be 0 or more");
        }
    }

    public boolean any() {
        return failRate > 0 || slowRate > 0;
    }
}
