package org.pekkolab.imagepipeline.sweep;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.pekkolab.imagepipeline.actors.PipelineSupervisor;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.metrics.Failure;
import org.pekkolab.imagepipeline.metrics.Report;
import org.pekkolab.imagepipeline.metrics.RunOutcome;
import org.pekkolab.imagepipeline.metrics.RunResult;
import org.pekkolab.imagepipeline.processing.ImageProcessor;

/**
 * One invocation of the lab in single mode: JIT warm-up, the sequential baseline, then for every
 * worker count the plain ExecutorService row and the actor runs on each dispatcher preset. The
 * rows of one worker count run back to back, so that the machine's drift affects them alike.
 * The last run saves the processed images when {@code --output} is given.
 */
public final class Sweep {

    private static final ProgressListener.RunProgress WARM_UP_PROGRESS = new ProgressListener.RunProgress() {
        @Override
        public void done(int images) {}

        @Override
        public void close() {}
    };

    private final SweepSettings settings;
    private final Config config;
    private final ProgressListener progress;
    private final int cores = Runtime.getRuntime().availableProcessors();

    public Sweep(SweepSettings settings, Config config, ProgressListener progress) {
        this.settings = settings;
        this.config = config;
        this.progress = progress;
    }

    /** @throws RunFailedException when a run does not finish in time or the actor system fails */
    public Report run() {
        var processor = new ImageProcessor(
                new ImageDecoder(settings.maxPixels()), settings.filters(), Optional.empty());
        try (var system = new PipelineSystem(config, settings.dispatchers(), settings.workerCounts())) {
            var plain = new PlainRuns(system, settings);
            warmUp(plain, processor, system);

            RunOutcome baseline;
            try (var run = progress.runStarted("sequential baseline", settings.imagesPerRun())) {
                baseline = plain.sequential(processor, settings.imagesPerRun(), run);
            }
            var results = new ArrayList<RunResult>();
            results.add(toResult("sequential", "-", 1, baseline, baseline.wallMs()));

            int lastWorkers = settings.workerCounts().get(settings.workerCounts().size() - 1);
            var lastDispatcher = settings.dispatchers().get(settings.dispatchers().size() - 1);
            for (int workers : settings.workerCounts()) {
                try (var run = progress.runStarted("executor/" + workers + "w", settings.imagesPerRun())) {
                    results.add(toResult("executor", "thread-pool", workers, plain.executor(processor, workers, run), baseline.wallMs()));
                }
                for (var dispatcher : settings.dispatchers()) {
                    boolean last = workers == lastWorkers && dispatcher.equals(lastDispatcher);
                    var runProcessor = last ? processor.savingTo(settings.output()) : processor;
                    var label = "single/" + dispatcher + "/" + workers + "w";
                    try (var run = progress.runStarted(label, settings.imagesPerRun())) {
                        var outcome = actorRun(system, runProcessor, dispatcher, workers, settings.input().files(), settings.repeat(), run);
                        results.add(toResult("single", dispatcher, workers, outcome, baseline.wallMs()));
                    }
                }
            }
            return new Report(
                    host(),
                    new Report.Input(settings.input().dir().toString(), settings.input().files().size(), settings.repeat(), settings.imagesPerRun()),
                    settings.filters().names(),
                    new Report.Baseline(baseline.wallMs(), settings.imagesPerRun() * 1000.0 / baseline.wallMs()),
                    results,
                    distinctByFile(results));
        } catch (TimeoutException e) {
            throw new RunFailedException("a run did not finish in time: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        }
    }

    private RunOutcome actorRun(PipelineSystem system, ImageProcessor processor, String dispatcher, int workers,
            List<Path> files, int repeat, ProgressListener.RunProgress run) throws TimeoutException, InterruptedException {
        var plan = new PipelineSupervisor.Plan(
                files, repeat, workers, PipelineSystem.dispatcherPath(dispatcher, workers), processor,
                settings.maxRetries(), settings.window(), settings.readAhead(), settings.sampleInterval());
        return system.spawnAndAwait("supervisor", replyTo -> PipelineSupervisor.create(plan, run::done, replyTo), settings.runTimeout());
    }

    /**
     * Lets the JIT compile everything that is timed before anything is timed: for the first half
     * of the warm-up the baseline's own loop runs over the input, for the second half the actor
     * pipeline does, on each chosen dispatcher (its messaging path needs thousands of messages
     * before it is compiled). Each runs at least once.
     */
    private void warmUp(PlainRuns plain, ImageProcessor processor, PipelineSystem system) throws TimeoutException, InterruptedException {
        progress.note("warming up the JIT for " + settings.warmup().toMillis() + " ms");
        long start = System.nanoTime();
        long halfway = start + settings.warmup().toNanos() / 2;
        long deadline = start + settings.warmup().toNanos();
        var files = settings.input().files();
        do {
            plain.sequential(processor, files.size(), WARM_UP_PROGRESS);
        } while (System.nanoTime() < halfway);
        int workers = settings.workerCounts().get(settings.workerCounts().size() - 1);
        var dispatchers = settings.dispatchers();
        for (int i = 0; i < dispatchers.size() || System.nanoTime() < deadline; i++) {
            actorRun(system, processor, dispatchers.get(i % dispatchers.size()), workers, files, 1, WARM_UP_PROGRESS);
        }
    }

    private RunResult toResult(String mode, String dispatcher, int workers, RunOutcome outcome, double baselineMs) {
        var metrics = outcome.metrics();
        double speedup = baselineMs / outcome.wallMs();
        return new RunResult(
                mode,
                dispatcher,
                1,
                workers,
                outcome.images(),
                outcome.failures().size(),
                outcome.retried(),
                outcome.lost(),
                outcome.restarts(),
                outcome.peakInFlight(),
                metrics.node().peakHeapMb(),
                outcome.wallMs(),
                outcome.images() * 1000.0 / outcome.wallMs(),
                speedup,
                speedup / workers,
                speedup / cores,
                metrics.node().cpuLoadMean(),
                metrics.threadsSeen(),
                metrics.coresSeen(),
                List.of(metrics.node()),
                metrics.workers(),
                metrics.timings(),
                outcome.failures());
    }

    private Report.Host host() {
        return new Report.Host(
                cores,
                System.getProperty("java.version"),
                ProcessHandle.current().pid(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** The same broken file fails in every run: the report lists it once. */
    private static List<Failure> distinctByFile(List<RunResult> runs) {
        var byFile = new LinkedHashMap<String, Failure>();
        runs.forEach(run -> run.failures().forEach(failure -> byFile.putIfAbsent(failure.file(), failure)));
        return List.copyOf(byFile.values());
    }

}
