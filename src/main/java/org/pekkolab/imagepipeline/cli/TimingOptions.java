package org.pekkolab.imagepipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The JIT warm-up before timing, and the configuration file: a section of the help. */
final class TimingOptions {

    @Option(names = "--warmup-ms", paramLabel = "MS",
            description = {"Least JIT warm-up before timing; it then goes on until the JIT has settled,",
                "for pipeline.warmup-max at most. 0: none. Default: pipeline.warmup (2000 ms).", "Example: --warmup-ms 500"})
    Long warmupMs;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"A HOCON file layered over conf/application.conf (your own dispatcher presets, for",
                "example).",
                "Example: --config my-dispatchers.conf"})
    Path configFile;
}
