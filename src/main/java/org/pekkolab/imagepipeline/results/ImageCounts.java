package org.pekkolab.imagepipeline.results;

/**
 * How a run's images ended, and what it took to get them there.
 *
 * @param images images fed to the run
 * @param failed images given up on
 * @param retried attempts beyond the first, summed over all images
 * @param redelivered images handed to another worker because the worker or node that held them went away
 * @param lost images never accounted for as processed or failed (must be 0)
 * @param restarts supervision events, one per failed attempt whatever the strategy: a restart, a
 *     resume, a back-off restart, or a stop and its replacement
 */
public record ImageCounts(int images, int failed, int retried, int redelivered, int lost, int restarts) {}
