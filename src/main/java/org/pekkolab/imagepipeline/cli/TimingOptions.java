package org.pekkolab.imagepipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The JIT warm-up before timing, and the configuration file: a section of the help. */
final class TimingOptions {

    @Option(names = "--warmup-ms", paramLabel = "MS",
            description = {"Least JIT warm-up before timing; 0: none.",
                "It then goes on until the JIT has settled, for pipeline.warmup-max at most.",
                "Default: pipeline.warmup (2000 ms).", "Example: --warmup-ms 500"})
    Long warmupMs;

    @Option(names = "--min-row-time", paramLabel = "MS",
            description = {"Each row runs at least this long, the input fed again as needed (--repeat overrides).",
                "0: every row feeds the input once. Default: pipeline.min-row-time (1500 ms).", "Example: --min-row-time 3000"})
    Long minRowTimeMs;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"A HOCON file layered over conf/application.conf (your own dispatcher presets, say).",
                "Example: --config my-dispatchers.conf"})
    Path configFile;
}
