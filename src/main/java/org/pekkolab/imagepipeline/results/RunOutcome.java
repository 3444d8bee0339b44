package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * A run as its driver saw it, before it is set against the baseline.
 *
 * @param retried attempts beyond the first, summed over all images
 * @param redelivered images handed to another worker because the worker or node that held them went
 *     away (a node that left or died, a worker stopped by its supervision), whether or not it had
 *     started on them; in push mode every image still out when a node went away
 * @param restarts supervision events, one per failed attempt whatever the strategy: a restart, a
 *     resume, a back-off restart, or a stop and its replacement
 * @param lost images never accounted for as processed or failed (must be 0)
 * @param peakInFlight the most images handed to workers and not yet finished at one time
 * @param overflowed push mode: deliveries refused by a full worker mailbox and sent again later
 * @param peakMailbox push mode: the most messages waiting in one worker's mailbox
 * @param nodeStats one per node of the run, dead ones included
 */
public record RunOutcome(
        double wallMs,
        int images,
        int processed,
        List<Failure> failures,
        int retried,
        int redelivered,
        int restarts,
        int lost,
        int peakInFlight,
        int overflowed,
        int peakMailbox,
        List<NodeStats> nodeStats,
        List<WorkerStats> workerStats,
        List<ImageTiming> timings) {}
