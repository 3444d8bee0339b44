package org.pekkolab.imagepipeline.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.actors.Distribution;
import org.pekkolab.imagepipeline.actors.IoDispatcher;
import org.pekkolab.imagepipeline.actors.NodeAgent;
import org.pekkolab.imagepipeline.actors.PipelineSupervisor;
import org.pekkolab.imagepipeline.actors.WorkerSpec;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.metrics.Failure;
import org.pekkolab.imagepipeline.metrics.NodeStats;
import org.pekkolab.imagepipeline.metrics.Report;
import org.pekkolab.imagepipeline.metrics.RunOutcome;
import org.pekkolab.imagepipeline.metrics.RunResult;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.processing.OutputTarget;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * One invocation of the lab: JIT warm-up, the sequential baseline, then for every worker count
 * the plain ExecutorService row, the single-mode actor runs (this JVM's node) and, with a
 * cluster, the cluster runs (every node) on each dispatcher preset. The rows of one worker count
 * run back to back, so that the machine's drift affects them alike, and each starts on a
 * collected heap. The last run saves the
 * processed images when {@code --output} is given.
 */
public final class Sweep {

    private static final ProgressListener.RunProgress WARM_UP_PROGRESS = new ProgressListener.RunProgress() {
        @Override
        public void done(int images) {}

        @Override
        public void close() {}
    };

    private final SweepSettings settings;
    private final PipelineSystem system;
    private final List<ActorRef<NodeAgent.Command>> clusterNodes;
    private final ProgressListener progress;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private int runs;

    /**
     * @param clusterNodes the node agents of the cluster, this JVM's included, or empty in single
     *     mode; with nodes, every worker count also gets a cluster run on each dispatcher
     */
    public Sweep(SweepSettings settings, PipelineSystem system, List<ActorRef<NodeAgent.Command>> clusterNodes, ProgressListener progress) {
        this.settings = settings;
        this.system = system;
        this.clusterNodes = List.copyOf(clusterNodes);
        this.progress = progress;
    }

    /**
     * Which of a worker count's rows runs first: the ExecutorService row or the actor rows. A row
     * that follows another pays for some of its after-effects (its garbage, its threads winding
     * down), so a bench alternates the order from trial to trial; the report's rows are in the
     * same order either way.
     */
    public enum RowOrder { EXECUTOR_FIRST, EXECUTOR_LAST }

    /** The sweep with the ExecutorService row first in each worker count. */
    public Report run() {
        return run(RowOrder.EXECUTOR_FIRST);
    }

    /** @throws RunFailedException when a run does not finish in time */
    public Report run(RowOrder order) {
        var processor = new ImageProcessor(new ImageDecoder(settings.maxPixels()), settings.filters(), Optional.empty());
        try {
            var plain = new PlainRuns(system, settings);
            warmUp(plain, processor);

            RunOutcome baseline;
            collectGarbage();
            try (var run = progress.runStarted("sequential baseline", settings.imagesPerRun())) {
                baseline = plain.sequential(processor, settings.imagesPerRun(), run);
            }
            var results = new ArrayList<RunResult>();
            results.add(toResult("sequential", "-", "-", "-", 1, baseline, baseline.wallMs()));

            var variants = variants();
            int lastWorkers = settings.workerCounts().get(settings.workerCounts().size() - 1);
            var lastVariant = variants.get(variants.size() - 1);
            for (int workers : settings.workerCounts()) {
                var executor = order == RowOrder.EXECUTOR_FIRST ? executorRow(plain, processor, workers, baseline) : null;
                var actorRows = new ArrayList<RunResult>();
                for (var variant : variants) {
                    boolean last = workers == lastWorkers && variant == lastVariant;
                    actorRows.add(actorRow(variant, workers, last, baseline));
                }
                results.add(executor != null ? executor : executorRow(plain, processor, workers, baseline));
                results.addAll(actorRows);
            }
            var clusterCost = clusterNodes.isEmpty() ? null
                    : ClusterCostProbe.measure(system.system(), settings.input().sources(), settings.reads().httpTimeout(),
                            liveRemoteNode(results.get(results.size() - 1)));
            return new Report(
                    host(),
                    input(),
                    settings.filters().names(),
                    new Report.Baseline(baseline.wallMs(), settings.imagesPerRun() * 1000.0 / baseline.wallMs()),
                    results,
                    distinctByFile(results),
                    clusterCost,
                    system.dispatchers(settings));
        } catch (TimeoutException e) {
            throw new RunFailedException("a run did not finish in time: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        }
    }

    private RunResult executorRow(PlainRuns plain, ImageProcessor processor, int workers, RunOutcome baseline)
            throws TimeoutException, InterruptedException {
        collectGarbage();
        try (var run = progress.runStarted("executor/" + workers + "w", settings.imagesPerRun())) {
            return toResult("executor", "thread-pool", "-", "-", workers, plain.executor(processor, workers, run), baseline.wallMs());
        }
    }

    /** @param last whether this is the sweep's last run, the one that saves the processed images */
    private RunResult actorRow(Variant variant, int workers, boolean last, RunOutcome baseline) throws TimeoutException, InterruptedException {
        collectGarbage();
        try (var run = progress.runStarted(variant.label(workers), settings.imagesPerRun())) {
            var spec = spec(variant.dispatcher(), variant.distribution(), workers, last ? settings.output() : Optional.empty(),
                    variant.mode().equals("cluster"));
            var outcome = actorRun(spec, variant.nodes(), settings.input().sources(), settings.repeat(), variant.reads(), run);
            return toResult(variant.mode(), variant.dispatcher(), variant.distribution().label(), variant.reads().label(),
                    workers, outcome, baseline.wallMs());
        }
    }

    /**
     * Every row starts on a collected heap (untimed), so that none pays for the garbage of the row
     * before it.
     */
    private static void collectGarbage() {
        System.gc();
    }

    private WorkerSpec spec(String dispatcher, Distribution distribution, int workers, Optional<OutputTarget> output, boolean reportStarts) {
        return new WorkerSpec(
                "run-" + (++runs) + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF),
                workers,
                settings.threadsFor(workers),
                dispatcher,
                settings.filters().names(),
                settings.maxPixels(),
                settings.maxRetries(),
                settings.window(),
                settings.sampleInterval().toMillis(),
                output.map(target -> target.dir().toAbsolutePath().toString()).orElse(""),
                output.map(target -> target.format().extension()).orElse("png"),
                output.map(OutputTarget::quality).orElse(90),
                reportStarts,
                distribution,
                settings.mailboxCapacity(),
                settings.supervision(),
                settings.faults());
    }

    /** One actor configuration of the sweep, run for every worker count. */
    private record Variant(String mode, List<ActorRef<NodeAgent.Command>> nodes, Distribution distribution, IoDispatcher reads, String dispatcher) {

        /** The label its result will have (RunResult.label), for the progress display. */
        String label(int workers) {
            return mode + "/" + dispatcher + "/" + workers + "w" + (nodes.size() > 1 ? "x" + nodes.size() + "n" : "")
                    + (distribution == Distribution.PUSH ? "/push" : "") + (reads == IoDispatcher.BLOCKING ? "" : "/" + reads.label() + "-reads");
        }
    }

    /** Single mode, then cluster mode if there is a cluster; in each, every distribution x reader dispatcher x preset. */
    private List<Variant> variants() {
        var modes = clusterNodes.isEmpty() ? List.of("single") : List.of("single", "cluster");
        var variants = new ArrayList<Variant>();
        for (var mode : modes) {
            var nodes = mode.equals("single") ? List.of(system.localNode()) : clusterNodes;
            for (var distribution : settings.distributions()) {
                for (var reads : settings.ioDispatchers()) {
                    for (var dispatcher : settings.dispatchers()) {
                        variants.add(new Variant(mode, nodes, distribution, reads, dispatcher));
                    }
                }
            }
        }
        return variants;
    }

    private RunOutcome actorRun(WorkerSpec spec, List<ActorRef<NodeAgent.Command>> nodes, List<ImageSource> sources, int repeat,
            IoDispatcher reads, ProgressListener.RunProgress run) throws TimeoutException, InterruptedException {
        var plan = new PipelineSupervisor.Plan(sources, repeat, spec, nodes, settings.readAhead(), settings.reads().on(reads));
        return system.spawnAndAwait("supervisor", replyTo -> PipelineSupervisor.create(plan, run::done, replyTo), settings.runTimeout());
    }

    /**
     * Lets the JIT compile everything that is timed before anything is timed: for the first half
     * of the warm-up the baseline's own loop runs over the input, for the second half the actor
     * pipeline does, in each configuration of the sweep (its messaging path needs thousands of
     * messages before it is compiled). Each runs at least once.
     */
    private void warmUp(PlainRuns plain, ImageProcessor processor) throws TimeoutException, InterruptedException {
        progress.note("warming up the JIT for " + settings.warmup().toMillis() + " ms");
        long start = System.nanoTime();
        long halfway = start + settings.warmup().toNanos() / 2;
        long deadline = start + settings.warmup().toNanos();
        var sources = settings.input().sources();
        do {
            plain.sequential(processor, sources.size(), WARM_UP_PROGRESS);
        } while (System.nanoTime() < halfway);
        int workers = settings.workerCounts().get(settings.workerCounts().size() - 1);
        var variants = variants();
        for (int i = 0; i < variants.size() || System.nanoTime() < deadline; i++) {
            var variant = variants.get(i % variants.size());
            var spec = spec(variant.dispatcher(), variant.distribution(), workers, Optional.empty(), false);
            actorRun(spec, variant.nodes(), sources, 1, variant.reads(), WARM_UP_PROGRESS);
        }
    }

    private RunResult toResult(String mode, String dispatcher, String distribution, String reads, int workers, RunOutcome outcome,
            double baselineMs) {
        double speedup = baselineMs / outcome.wallMs();
        int nodes = outcome.nodeStats().size();
        var timings = outcome.timings();
        return new RunResult(
                mode,
                dispatcher,
                distribution,
                reads,
                nodes,
                workers,
                outcome.images(),
                outcome.failures().size(),
                outcome.retried(),
                outcome.lost(),
                outcome.restarts(),
                outcome.peakInFlight(),
                outcome.overflowed(),
                outcome.peakMailbox(),
                outcome.nodeStats().stream().mapToDouble(NodeStats::peakHeapMb).sum(),
                outcome.nodeStats().stream().mapToDouble(NodeStats::liveHeapMb).sum(),
                outcome.wallMs(),
                outcome.images() * 1000.0 / outcome.wallMs(),
                speedup,
                speedup / (workers * nodes),
                speedup / cores,
                outcome.nodeStats().stream().mapToDouble(NodeStats::cpuLoadMean).sum(),
                (int) timings.stream().map(timing -> timing.node() + "/" + timing.thread()).distinct().count(),
                (int) timings.stream().filter(timing -> timing.core() >= 0).map(timing -> host(timing.node()) + "/" + timing.core()).distinct().count(),
                outcome.nodeStats(),
                outcome.workerStats(),
                timings,
                outcome.failures());
    }

    /** Another node that was still up at the end of the last run, for measuring transfers to it. */
    private Optional<ActorRef<NodeAgent.Command>> liveRemoteNode(RunResult lastRun) {
        var up = lastRun.nodeStats().stream().filter(node -> node.status().equals(NodeStats.UP)).map(NodeStats::address).toList();
        return clusterNodes.stream()
                .filter(node -> !node.equals(system.localNode()))
                .filter(node -> up.contains(node.path().address().toString()))
                .findFirst();
    }

    /** The host part of a node address (pekko://pipeline@HOST:PORT); cores are per host. */
    private static String host(String address) {
        int at = address.indexOf('@');
        int colon = address.lastIndexOf(':');
        return at < 0 || colon < at ? address : address.substring(at + 1, colon);
    }

    private Report.Input input() {
        var input = settings.input();
        boolean folder = input.kind() == InputSet.Kind.FOLDER;
        var reads = settings.reads();
        return new Report.Input(
                folder ? input.location().toString() : null,
                input.sources().size(),
                settings.repeat(),
                settings.imagesPerRun(),
                input.kind().label(),
                folder ? null : input.location().toString(),
                reads.latency().toMillis(),
                settings.ioDispatchers().stream().map(IoDispatcher::label).collect(Collectors.joining(",")),
                reads.readers());
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
