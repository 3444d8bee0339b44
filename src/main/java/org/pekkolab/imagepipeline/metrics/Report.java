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

    /**
     * What was read and how.
     *
     * @param dir the input folder; null when the images came from a URL list
     * @param files input images: files in the folder or URLs in the list
     * @param images images fed per run (files times repeat)
     * @param source {@code dir} or {@code url-list}
     * @param urlList the URL list file ({@code --source}); null for a folder
     * @param ioLatencyMs blocking delay added to every read, in every row
     * @param ioDispatcher where the actor runs' readers ran: blocking, cpu or virtual
     * @param readers how many reader actors each actor run had
     */
    public record Input(
            String dir, int files, int repeat, int images, String source, String urlList, long ioLatencyMs, String ioDispatcher, int readers) {}

    public record Baseline(double wallMs, double imagesPerSec) {}

    /**
     * What moving an image between JVMs costs, measured over the input files: serializing the
     * image message with the serializer cluster mode uses and reading it back (on the
     * coordinator), and the round trip of the message to another node and its acknowledgement.
     */
    public record ClusterCost(
            String serializer, double bytesPerImage, double serializeUsPerImage, double deserializeUsPerImage, double roundTripUsPerImage) {}
}
