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
        abbreviateSynopsis = true,
        optionListHeading = "%nOptions:%n",
        description = {
            "The default command: a sweep in one JVM over one input, with a comparison table and a report.",
            "Its rows: the sequential baseline, then for each worker count a plain ExecutorService and the actor runs.",
            "Each dispatcher preset, mode, I/O dispatcher and control choice makes one actor run per worker count.",
            "It prints the comparison table and writes report.json, runs.csv, images.csv and charts."
        },
        footer = {"", "Example:", "  ./run.sh run -i images -w 1,2,4 -d fork-join,thread-pool --repeat 2 -o /tmp/out"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Mixin
    TrialsOption trials;

    @Override
    public Integer call() {
        return Invocation.run(options, spec.commandLine(), trials);
    }
}
