package org.pekkolab.imagepipeline.results;

/**
 * How fast a run was, on its own and against the sequential baseline.
 *
 * @param speedup the baseline's wall time over this run's
 * @param efficiency speedup per worker (workers times nodes)
 * @param efficiencyPerCore speedup per available core
 */
public record Speed(double wallMs, double imagesPerSec, double speedup, double efficiency, double efficiencyPerCore) {}
