package org.pekkolab.imagepipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./run.sh run [options]}: a single-mode sweep with its table and report. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Single mode: the sequential baseline, a plain ExecutorService per worker count and filter-worker",
            "actors on each dispatcher preset, all over the same input; prints the comparison table and writes",
            "report.json, runs.csv, images.csv and charts."
        },
        footer = {"", "Example:", "  ./run.sh run -i images -w 1,2,4 -d fork-join,thread-pool --repeat 2 -o /tmp/out"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        return Invocation.run(options, spec.commandLine());
    }
}
