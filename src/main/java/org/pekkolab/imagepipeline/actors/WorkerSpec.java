package org.pekkolab.imagepipeline.actors;

import java.util.List;

/**
 * What a node needs to start its filter workers for one run; sent to every node of the run.
 *
 * @param runId unique per run: names the service key the workers register under
 * @param dispatcher the preset name, sized on each node to {@code workers} threads
 * @param outputDir where to save processed images, empty for none (same path on every node)
 * @param reportStarts whether workers tell the supervisor when they start an image, so that
 *     images lost with a node can be counted as retried (cluster mode)
 */
public record WorkerSpec(
        String runId,
        int workers,
        String dispatcher,
        List<String> filters,
        long maxPixels,
        int maxRetries,
        int window,
        long sampleIntervalMs,
        String outputDir,
        String outputFormat,
        int quality,
        boolean reportStarts) implements CborSerializable {}
