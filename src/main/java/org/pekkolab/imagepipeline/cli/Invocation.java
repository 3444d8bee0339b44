package org.pekkolab.imagepipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.pekkolab.imagepipeline.cluster.ClusterSession;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.report.BenchSummary;
import org.pekkolab.imagepipeline.report.ConsoleReport;
import org.pekkolab.imagepipeline.report.ReportPage;
import org.pekkolab.imagepipeline.report.ReportWriter;
import org.pekkolab.imagepipeline.report.Summary;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.runtime.ProgressListener;
import org.pekkolab.imagepipeline.runtime.RunFailedException;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.settings.UsageException;
import org.pekkolab.imagepipeline.settings.Warmup;
import org.pekkolab.imagepipeline.sweep.RowRates;
import org.pekkolab.imagepipeline.sweep.Sweep;
import picocli.CommandLine;

/**
 * One invocation of a sweep command ({@code run}, {@code bench}, {@code cluster}): the settings from
 * the options, the {@link StartBanner}, the trials on one actor system or cluster session, then the
 * table, the report files and the exit status.
 */
final class Invocation {

    private static final String WARMUP_MAX = "pipeline.warmup-max";
    private static final String CLUSTER_WARMUP_MAX = "pipeline.cluster.warmup-max";

    private Invocation() {}

    private static final String TRIALS = "pipeline.trials";
    static final int MAX_TRIALS = 100;

    /**
     * Runs the sweep in single mode, {@code trials} times or as often as pipeline.trials says;
     * {@code commandLine} gives the output streams.
     */
    static int run(RunOptions options, CommandLine commandLine, TrialsOption trials) {
        return run(options, commandLine, Optional.empty(), trials.trials);
    }

    /**
     * Runs the sweep {@code trials} times on one actor system (the JIT warm-up only before the
     * first); with a cluster layout, on a cluster this command forms (single-mode rows included,
     * for comparison). Even trials run a worker count's rows in reverse order. Prints and writes
     * the last trial's report, and with several trials the median and spread of every row.
     */
    static int run(RunOptions options, CommandLine commandLine, Optional<ClusterSession.Layout> cluster, Integer trialsGiven) {
        var loaded = options.loadConfig();
        int trials = trialsGiven != null ? trialsGiven : loaded.getInt(TRIALS);
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new UsageException((trialsGiven != null ? "--trials" : TRIALS) + " must be between 1 and " + MAX_TRIALS + ", got " + trials);
        }
        // A cluster's JVMs each need their JIT settled, on paths through remoting that only cluster runs take: a longer warm-up.
        var config = cluster.isEmpty() ? loaded : loaded.withValue(WARMUP_MAX, loaded.getValue(CLUSTER_WARMUP_MAX));
        var settings = options.settings(config);
        var reportDir = options.reportDir();
        var out = commandLine.getOut();
        StartBanner.print(out, settings, config, cluster.isPresent());

        var progress = ConsoleProgress.forTerminal(commandLine.getErr());
        var results = new ArrayList<Report>();
        var rates = new RowRates();
        try {
            if (cluster.isEmpty()) {
                try (var system = new PipelineSystem(config, settings.compared().dispatchers(), settings.workers().threadCounts())) {
                    var localNode = NodeAgent.startOn(system, false);
                    runTrials(trials, settings, trialSettings -> new Sweep(trialSettings, system, localNode, List.of(), progress, rates), results, progress);
                }
            } else {
                try (var session = ClusterSession.start(config, settings.compared().dispatchers(), settings.workers().threadCounts(), cluster.get(),
                        reportDir.resolve("logs"), progress)) {
                    runTrials(trials, settings,
                            trialSettings -> new Sweep(trialSettings, session.system(), session.localNode(), session.nodes(), progress, rates),
                            results, progress);
                }
            }
        } catch (TimeoutException e) {
            throw new RunFailedException("the actor system did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        }

        var result = results.get(results.size() - 1);
        report(out, results, reportDir);
        settings.output().ifPresent(target -> out.println("Processed images: " + target.dir().toAbsolutePath().normalize()));
        out.flush();
        return result.failures().isEmpty() ? ExitStatus.OK : ExitStatus.IMAGES_FAILED;
    }

    private static void runTrials(int trials, SweepSettings settings, Function<SweepSettings, Sweep> sweeps, List<Report> results,
            ProgressListener progress) {
        for (int trial = 1; trial <= trials; trial++) {
            if (trials > 1) {
                progress.note("trial " + trial + " of " + trials);
            }
            var order = trial % 2 == 1 ? Sweep.RowOrder.FORWARD : Sweep.RowOrder.REVERSED;
            results.add(sweeps.apply(trial == 1 ? settings : settings.withWarmup(Warmup.NONE)).run(order));
        }
    }

    /**
     * Prints the result in words, then the last trial's tables, and writes its report; with several
     * trials, the medians of all of them too.
     */
    private static void report(PrintWriter out, List<Report> trials, Path reportDir) {
        var last = trials.get(trials.size() - 1);
        out.println();
        out.print(Summary.of(trials).render());
        out.println();
        if (trials.size() > 1) {
            out.println("The last of the " + trials.size() + " trials:");
        }
        out.print(ConsoleReport.render(last));
        try {
            ReportWriter.write(last, reportDir);
            ReportPage.write(trials, reportDir);
            if (trials.size() > 1) {
                var summary = BenchSummary.of(trials);
                out.println();
                out.print(summary.render());
                summary.write(reportDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + reportDir + ": " + e.getMessage(), e);
        }
        out.println("Report: " + reportDir.toAbsolutePath().normalize());
    }
}
