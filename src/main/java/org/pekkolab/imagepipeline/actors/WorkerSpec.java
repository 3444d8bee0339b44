package org.pekkolab.imagepipeline.actors;

import java.util.List;

/**
 * What a node needs to start its filter workers for one run; sent to every node of the run.
 *
 * @param runId unique per run: names the service key the workers register under
 * @param threads threads of the run's dispatcher on each node (usually {@code workers})
 * @param dispatcher the preset name, sized on each node to {@code threads} threads
 * @param outputDir where to save processed images, empty for none (same path on every node)
 * @param reportStarts whether workers tell the supervisor when they start an image, so that
 *     images lost with a node can be counted as retried (cluster mode)
 * @param mailboxCapacity push mode: the bound of each worker's mailbox, 0 for unbounded
 * @param control where the run's control actors work; on a node, its metrics actor
 */
public record WorkerSpec(
        String runId,
        int workers,
        int threads,
        String dispatcher,
        List<String> filters,
        long maxPixels,
        int maxRetries,
        int window,
        long sampleIntervalMs,
        String outputDir,
        String outputFormat,
        int quality,
        boolean reportStarts,
        Distribution distribution,
        int mailboxCapacity,
        Supervision supervision,
        FaultPlan faults,
        ControlDispatcher control) implements CborSerializable {}
