package org.pekkolab.imagepipeline.metrics;

import java.util.List;

/**
 * Everything one invocation measured: what {@code report.json} holds.
 *
 * @param clusterCost what moving an image between JVMs costs; null in single mode
 */
public record Report(
        Host host,
        Input input,
        List<String> filters,
        Baseline baseline,
        List<RunResult> runs,
        List<Failure> failures,
        ClusterCost clusterCost) {

    public record Host(int cores, String java, long pid, String os, long maxHeapMb) {}

    /** @param images images fed per run (files times repeat) */
    public record Input(String dir, int files, int repeat, int images) {}

    public record Baseline(double wallMs, double imagesPerSec) {}

    /**
     * What moving an image between JVMs costs, measured over the input files: serializing the
     * image message with the serializer cluster mode uses and reading it back (on the
     * coordinator), and the round trip of the message to another node and its acknowledgement.
     */
    public record ClusterCost(
            String serializer, double bytesPerImage, double serializeUsPerImage, double deserializeUsPerImage, double roundTripUsPerImage) {}
}
