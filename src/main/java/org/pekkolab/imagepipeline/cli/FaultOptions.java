package org.pekkolab.imagepipeline.cli;

import picocli.CommandLine.Option;

/** Faults made on purpose and what the workers' supervision does about them: a section of the help. */
final class FaultOptions {

    @Option(names = "--supervision", paramLabel = "STRATEGY",
            description = {"What happens to a worker whose filters threw:",
                "restart, resume, stop (replaced by a new worker) or backoff (restart after a pause).",
                "Default: pipeline.supervision (restart).", "Example: --supervision backoff"})
    String supervision;

    @Option(names = "--max-retries", paramLabel = "N",
            description = {"Retries of an image whose filter chain threw, whatever --supervision does to the worker.",
                "Default: pipeline.max-retries (2).", "Example: --max-retries 5"})
    Integer maxRetries;

    @Option(names = "--fail-rate", paramLabel = "P", defaultValue = "0",
            description = {"Make the filter chain throw on this share (0-1) of image attempts.",
                "Default: ${DEFAULT-VALUE}.", "Example: --fail-rate 0.2"})
    double failRate;

    @Option(names = "--slow-rate", paramLabel = "P", defaultValue = "0",
            description = {"Make this share (0-1) of image attempts --slow-ms slower. Default: ${DEFAULT-VALUE}.", "Example: --slow-rate 0.05"})
    double slowRate;

    @Option(names = "--slow-ms", paramLabel = "MS",
            description = {"How much slower a slow attempt is. Default: pipeline.faults.slow (50 ms).", "Example: --slow-ms 200"})
    Long slowMs;

    @Option(names = "--fail-seed", paramLabel = "S", defaultValue = "42",
            description = {"Seed of the injected faults: the same seed fails the same attempts.",
                "Default: ${DEFAULT-VALUE}.", "Example: --fail-seed 7"})
    long failSeed;
}
