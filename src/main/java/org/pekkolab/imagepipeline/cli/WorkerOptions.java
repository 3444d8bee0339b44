package org.pekkolab.imagepipeline.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** How many workers each run has and where they and the control actors work: a section of the help. */
final class WorkerOptions {

    @Option(names = {"-w", "--workers"}, paramLabel = "LIST", split = ",", defaultValue = "1,2,4",
            description = {"Worker counts to sweep; each run's dispatcher gets that many threads. Default:",
                "${DEFAULT-VALUE}.",
                "Example: -w 1,2"})
    List<Integer> counts;

    @Option(names = {"-d", "--dispatcher"}, paramLabel = "LIST", split = ",", defaultValue = "fork-join",
            description = {"Dispatcher presets (conf/application.conf, pipeline.dispatchers) to compare. Default:",
                "${DEFAULT-VALUE}.",
                "Example: -d fork-join,thread-pool"})
    List<String> dispatchers;

    @Option(names = "--threads", paramLabel = "N",
            description = {"Threads of each run's dispatcher. Default: the run's worker count. Pinned: one per worker,",
                "whatever this says. virtual-thread on Java 21+: the JVM's carrier threads, one per core",
                "unless JAVA_OPTS sets -Djdk.virtualThreadScheduler.parallelism=N.",
                "Example: -w 2,4,8 --threads 2"})
    Integer threads;

    @Option(names = "--throughput", paramLabel = "N",
            description = {"Images a worker processes per turn before its thread moves on to another worker, for",
                "every dispatcher of the run, pinned excepted. Default: each preset's own (1 as shipped).",
                "Example: --throughput 8"})
    Integer throughput;

    @Option(names = "--control", paramLabel = "LIST", split = ",",
            description = {"Where the actor runs' control actors (supervisor, work-pulling producer, metrics) work, one",
                "run each: shared (the filter workers' dispatcher, between images), own (a thread of their",
                "own) or auto (shared for pull runs in one JVM whose dispatcher has a thread per core and",
                "moves actors between threads, where it measured faster; own for the rest). Default:",
                "pipeline.control (auto).",
                "Example: -w 1,2 --control shared,own"})
    List<String> controls;
}
