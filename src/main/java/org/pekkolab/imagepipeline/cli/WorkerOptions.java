package org.pekkolab.imagepipeline.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** How many workers each run has and where they and the control actors work: a section of the help. */
final class WorkerOptions {

    @Option(names = {"-w", "--workers"}, paramLabel = "LIST", split = ",", hideParamSyntax = true, defaultValue = "1,2,4",
            description = {"Worker counts to sweep, each 1-64; each run's dispatcher gets that many threads.",
                "Default: ${DEFAULT-VALUE}.", "Example: -w 1,2"})
    List<Integer> counts;

    @Option(names = {"-d", "--dispatcher"}, paramLabel = "LIST", split = ",", hideParamSyntax = true, defaultValue = "fork-join",
            description = {"Dispatcher presets to compare, from pipeline.dispatchers in conf/application.conf.",
                "Shipped: fork-join, thread-pool, affinity-pool, pinned, virtual-thread.",
                "Default: ${DEFAULT-VALUE}.", "Example: -d fork-join,thread-pool"})
    List<String> dispatchers;

    @Option(names = "--threads", paramLabel = "N",
            description = {"Threads of each run's dispatcher, 1-64. Default: the run's worker count.",
                "pinned has one per worker, whatever this says.",
                "virtual-thread (Java 21+) runs on the JVM's carrier threads, one per core by default.",
                "JAVA_OPTS=-Djdk.virtualThreadScheduler.parallelism=N sets their number.",
                "Example: -w 2,4,8 --threads 2"})
    Integer threads;

    @Option(names = "--throughput", paramLabel = "N",
            description = {"Images a worker processes per turn before its thread moves on to another worker.",
                "For every dispatcher of the run but pinned. Default: each preset's own (1 as shipped).",
                "Example: --throughput 8"})
    Integer throughput;

    @Option(names = "--control", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            description = {"Where the actor runs' control actors (supervisor, producer) work, one run each:",
                "shared: the filter workers' dispatcher, between images.",
                "own: a thread of their own (Pekko's default dispatcher).",
                "auto: shared where that measured faster, own for the rest.",
                "Shared was faster for pull runs in one JVM on a thread per core that any actor may use.",
                "Default: pipeline.control (auto).",
                "Example: -w 1,2 --control shared,own"})
    List<String> controls;

    @Option(names = "--worker-nice", paramLabel = "N",
            description = {"Nice steps (0-19) image work runs below the JVM's other threads (Linux).",
                "The threads that feed the workers then get a core at once. 0: all alike.",
                "Default: pipeline.worker-nice (5).", "Example: --worker-nice 0"})
    Integer nice;
}
