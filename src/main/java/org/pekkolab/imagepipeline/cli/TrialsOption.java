package org.pekkolab.imagepipeline.cli;

import picocli.CommandLine.Option;

/** How many trials {@code run} takes its figures from (the default command's too). */
final class TrialsOption {

    @Option(names = "--trials", paramLabel = "N",
            description = {"How many times the sweep runs; the figures are the medians. Default: pipeline.trials (3).",
                "Example: --trials 1"})
    Integer trials;
}
