package org.pekkolab.imagepipeline.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** What is done to each image and how it is read: a section of the help. */
final class ImageOptions {

    @Option(names = {"-f", "--filters"}, paramLabel = "LIST", split = ",",
            description = {"Filters applied in order. Default: ${DEFAULT-VALUE}.",
                "Known: grayscale, blur, sobel, sharpen, brightness.",
                "Example: -f grayscale,sobel"},
            defaultValue = "grayscale,blur,sobel,sharpen,brightness")
    List<String> filters;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = {"Feed each input image N times (longer runs from a small set). Default: ${DEFAULT-VALUE}.", "Example: --repeat 5"})
    int repeat;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = {"Reject images with more pixels, from their header, before decoding. Default:",
                "pipeline.max-pixels (100000000).",
                "Example: --max-pixels 20000000"})
    Long maxPixels;

    @Option(names = "--io-latency", paramLabel = "MS",
            description = {"Block every image read (file or URL) this long before it starts, in every row, to study",
                "I/O-bound work. Default: pipeline.io.latency (0).",
                "Example: --io-latency 20"})
    Long ioLatencyMs;

    @Option(names = "--io-dispatcher", paramLabel = "LIST", split = ",",
            description = {"Where the actor runs' image readers block, one run each: blocking (a thread pool of their",
                "own), cpu (the filter workers' dispatcher, whose threads they then take), virtual (virtual",
                "threads, Java 21+). Default: pipeline.io.dispatcher (blocking).",
                "Example: --io-latency 20 --io-dispatcher cpu,blocking"})
    List<String> ioDispatchers;
}
