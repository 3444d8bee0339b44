package org.pekkolab.imagepipeline.cli;

import com.typesafe.config.ConfigException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.pekkolab.imagepipeline.runtime.RunFailedException;
import org.pekkolab.imagepipeline.settings.UsageException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Entry point: {@code ./run.sh [run] [options]}, {@code ./run.sh generate ...}, {@code --help}, {@code --version}. */
@Command(
        name = "run.sh",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        subcommands = {RunCommand.class, ClusterCommand.class, NodeCommand.class, BenchCommand.class, GenerateCommand.class, CertsCommand.class},
        customSynopsis = "run.sh [COMMAND] [OPTIONS]",
        description = {
            "A lab for parallel image pipelines on Apache Pekko actors.",
            "Without a command it does what 'run' does: a sweep over the input folder, a comparison table and a report."
        },
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nMost used options of 'run', the default command:%n",
        footer = {
            "",
            "Exit status: 0 every image processed, 2 usage error, 3 some images failed (listed), 1 the run failed.",
            "",
            "Examples:",
            "  ./run.sh                                   main job on images/ (workers 1,2,4)",
            "  ./run.sh -i ~/photos -w 1,2 --repeat 3     your photos, each fed three times",
            "  ./run.sh generate --count 50 --size 640x480 --out /tmp/synthetic",
            "  ./run.sh run --help                        every option of a run, with examples"
        })
public final class Main implements Callable<Integer> {

    private static final String PICOCLI_ERROR = "Error: ";

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

    public static void main(String[] args) {
        // Initialise logging before Pekko's threads log, or SLF4J warns that it replayed their calls.
        LoggerFactory.getILoggerFactory();
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** The command line of this command and its subcommands, with the layout of their help ({@link HelpLayout}). */
    static CommandLine commandLine() {
        return HelpLayout.apply(new CommandLine(new Main()));
    }

    /** Runs the command line and returns its exit status; used by {@link #main} and the tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        var commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("error: " + message(exception));
            err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            if (exception instanceof ConfigException) {
                // Typesafe Config names the file, the line, the key and what it expected.
                err.println("error: configuration: " + exception.getMessage());
                return ExitStatus.USAGE;
            }
            if (exception instanceof UsageException) {
                err.println("error: " + exception.getMessage());
                err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
                return ExitStatus.USAGE;
            }
            if (exception instanceof RunFailedException || exception instanceof UncheckedIOException) {
                err.println("error: " + exception.getMessage());
                return ExitStatus.RUN_FAILED;
            }
            // Not an expected failure: a bug worth its stack trace.
            LoggerFactory.getLogger(Main.class).error("the run failed", exception);
            err.println("error: " + exception);
            return ExitStatus.RUN_FAILED;
        });
        return commandLine.execute(args);
    }

    /**
     * The one-line reason for a command line picocli rejected. An option given twice in a section of
     * the help (an argument group) makes picocli see the whole group twice: said as it says it for an
     * option outside a group. Its group messages start with "Error: ", which the line has already.
     */
    private static String message(ParameterException exception) {
        var parsed = exception.getCommandLine().getParseResult();
        if (exception instanceof MaxValuesExceededException && parsed != null) {
            for (var option : parsed.matchedOptions()) {
                if (!option.isMultiValue() && option.originalStringValues().size() > 1) {
                    return "option '" + option.longestName() + "' (" + option.paramLabel() + ") should be specified only once";
                }
            }
        }
        var message = exception.getMessage();
        return message.startsWith(PICOCLI_ERROR) ? message.substring(PICOCLI_ERROR.length()) : message;
    }
}
