package org.pekkolab.imagepipeline.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.pekkolab.imagepipeline.settings.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./run.sh bench}: the single-mode sweep repeated, with median and spread per row. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        abbreviateSynopsis = true,
        optionListHeading = "%nOptions:%n",
        description = {
            "The single-mode sweep repeated in one JVM after one JIT warm-up: the median and spread of every row.",
            "It reports the median and spread (min-max) of img/s and speedup per row, and the actor / ExecutorService ratio.",
            "With 6 or more trials it also shows where each median lies with 95 %% confidence (order statistics).",
            "A noisy machine makes one run's figures unreliable; their median over trials is not."
        },
        footer = {"", "Example:", "  ./run.sh bench -i images -w 1,2 --trials 5"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "5",
            description = {"How many times the sweep runs. Default: ${DEFAULT-VALUE}.", "Example: --trials 9"})
    int trials;

    @Override
    public Integer call() {
        if (trials < 2 || trials > 100) {
            throw new UsageException("--trials must be between 2 and 100, got " + trials);
        }
        return Invocation.run(options, spec.commandLine(), Optional.empty(), trials);
    }
}
