package org.pekkolab.imagepipeline.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** What is done to each image and how it is read: a section of the help. */
final class ImageOptions {

    @Option(names = {"-f", "--filters"}, paramLabel = "LIST", split = ",", hideParamSyntax = true,
            description = {"Filters to apply, in order: any of grayscale, blur, sobel, sharpen, brightness.",
                "Default: ${DEFAULT-VALUE}.", "Example: -f grayscale,sobel"},
            defaultValue = "grayscale,blur,sobel,sharpen,brightness")
    List<String> filters;

    @Option(names = "--repeat", paramLabel = "N",
            description = {"Feed each input image N times in every row; rows then ignore --min-row-time.",
                "Default: as often as --min-row-time needs.", "Example: --repeat 5"})
    Integer repeat;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = {"Reject images with more pixels, read from their header, before decoding them.",
                "Default: pipeline.max-pixels (100000000).", "Example: --max-pixels 20000000"})
    Long maxPixels;

    @Option(names = "--io-latency", paramLabel = "MS",
            description = {"Block every image read (file or URL) this long before it starts, in every row.",
                "Default: pipeline.io.latency (0).", "Example: --io-latency 20"})
    Long ioLatencyMs;

    @Option(names = "--io-dispatcher", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            description = {"Where the actor runs' image readers block, one run for each of:",
                "blocking: a thread pool of their own, a thread per reader.",
                "cpu: the filter workers' dispatcher, whose threads they then take.",
                "virtual: a virtual thread per read (Java 21+; a pool of platform threads before).",
                "Default: pipeline.io.dispatcher (blocking).",
                "Example: --io-latency 20 --io-dispatcher cpu,blocking"})
    List<String> ioDispatchers;
}
