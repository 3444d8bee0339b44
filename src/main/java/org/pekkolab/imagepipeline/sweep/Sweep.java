package org.pekkolab.imagepipeline.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.pekkolab.imagepipeline.cluster.ClusterCostProbe;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.probes.CoreSpeed;
import org.pekkolab.imagepipeline.probes.MemoryPages;
import org.pekkolab.imagepipeline.probes.ThreadSwitches;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.processing.WorkerPriority;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.results.RunResult;
import org.pekkolab.imagepipeline.results.RunSetup;
import org.pekkolab.imagepipeline.run.RunPlan;
import org.pekkolab.imagepipeline.run.RunSupervisor;
import org.pekkolab.imagepipeline.runtime.DispatcherPresets;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.runtime.ProgressListener;
import org.pekkolab.imagepipeline.runtime.RunFailedException;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.InputSet;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.source.ImageSource;
import org.pekkolab.imagepipeline.source.SourceReader;
import org.pekkolab.imagepipeline.source.UnreadableSourceException;

/**
 * One invocation of the lab: JIT warm-up, the sequential baseline, then for every worker count
 * the plain ExecutorService row, the single-mode actor runs (this JVM's node) and, with a
 * cluster, the cluster runs (every node) on each dispatcher preset. The rows of one worker count
 * run back to back, so that the machine's drift affects them alike, and each starts on a
 * collected heap. The last run saves the processed images when {@code --output} is given.
 */
public final class Sweep {

    /** Progress of the runs nobody watches: the warm-up's and the calibration's. */
    static final ProgressListener.RunProgress UNREPORTED = new ProgressListener.RunProgress() {
        @Override
        public void done(int images) {}

        @Override
        public void close() {}
    };

    /** Each of the three phases of the core-scaling probe before the rows. */
    private static final Duration CORE_SCALING_PHASE = Duration.ofMillis(200);

    /** How often each core's thread of the core-speed probe does its image: a small share of the core. */
    private static final Duration CORE_SPEED_EVERY = Duration.ofMillis(500);

    private final SweepSettings settings;
    private final PipelineSystem system;
    private final ActorRef<NodeAgent.Command> localNode;
    private final FilterChain filters;
    private final List<ActorRef<NodeAgent.Command>> clusterNodes;
    private final ProgressListener progress;
    /** What each of the sweep's presets runs on: for the report and for where auto puts the control actors. */
    private final Map<String, Report.Dispatcher> dispatchers;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private int runs;
    /** This trial's row lengths, set before its first row. */
    private RowLength rows;
    /** Addresses of the nodes that left or died during a row. */
    private final Set<String> gone = new HashSet<>();
    /** What each row ran at in the invocation's trials so far. */
    private final RowRates rates;

    /**
     * @param clusterNodes the node agents of the cluster, this JVM's included, or empty in single
     *     mode; with nodes, every worker count also gets a cluster run on each dispatcher
     */
    public Sweep(SweepSettings settings, PipelineSystem system, ActorRef<NodeAgent.Command> localNode, List<ActorRef<NodeAgent.Command>> clusterNodes,
            ProgressListener progress, RowRates rates) {
        this.rates = rates;
        this.settings = settings;
        this.system = system;
        this.localNode = localNode;
        this.filters = settings.images().chain();
        this.clusterNodes = List.copyOf(clusterNodes);
        this.progress = progress;
        this.dispatchers = system.dispatchers(settings);
    }

    /**
     * The order of a worker count's rows: the ExecutorService row, then the actor rows in the
     * sweep's order ({@link #FORWARD}), or all of them the other way round ({@link #REVERSED}). On
     * a growable heap a row's place among them moved its throughput by 4-15 %; run.sh fixes the
     * heap, and a bench still alternates the order from trial to trial, so that whatever place
     * effect is left falls on every row alike. The report's rows are in the forward order either way.
     */
    public enum RowOrder { FORWARD, REVERSED }

    /** @throws RunFailedException when a run does not finish in time */
    public Report run(RowOrder order) {
        var processor = new ImageProcessor(new ImageDecoder(settings.images().maxPixels()), filters, Optional.empty(),
                WorkerPriority.lowerBy(settings.workers().nice()));
        try {
            var plain = new PlainRuns(system, settings);
            new JitWarmUp(settings, progress, this::warmUpRuns).run(plain, processor);
            rows = rowLength(plain, processor);
            var coreScaling = CoreScaling.measure(CORE_SCALING_PHASE);
            // Only the nodes' comparison needs the cores' speed; a single-mode sweep is spared the probe.
            var coreSpeed = clusterNodes.isEmpty() ? Optional.<CoreSpeed>empty()
                    : coreSpeedWork().map(work -> CoreSpeed.start(work, CORE_SPEED_EVERY));
            try {
                return measureRows(plain, processor, order, coreScaling, coreSpeed);
            } finally {
                coreSpeed.ifPresent(CoreSpeed::stop);
            }
        } catch (TimeoutException e) {
            throw new RunFailedException("a run did not finish in time: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        }
    }

    /** The baseline and every row, then the cluster's cost; the core-speed probe, if any, runs throughout. */
    private Report measureRows(PlainRuns plain, ImageProcessor processor, RowOrder order, CoreScaling coreScaling, Optional<CoreSpeed> coreSpeed)
            throws TimeoutException, InterruptedException {
        RunOutcome baseline;
        collectGarbage();
        var baselineSwitches = ThreadSwitches.start();
        int baselineImages = inputs() * rows.passes(1, rates.of(RunSetup.sequential().label()));
        try (var run = progress.runStarted("sequential baseline", baselineImages)) {
            baseline = plain.sequential(processor, baselineImages, run, baselineSwitches);
        }
        rates.record(RunSetup.sequential().label(), imagesPerSec(baseline));
        var results = new ArrayList<RunResult>();
        results.add(toResult(RunSetup.sequential(), baseline, baselineSwitches.stop(), baseline));
        rows = rows.faster(imagesPerSec(baseline));

        var variants = variants();
        int lastWorkers = settings.workers().largest();
        var lastVariant = variants.get(variants.size() - 1);
        for (int workers : settings.workers().counts()) {
            var executor = order == RowOrder.FORWARD ? executorRow(plain, processor, workers, baseline) : null;
            var actorRows = new ArrayList<RunResult>();
            for (var variant : order == RowOrder.FORWARD ? variants : reversed(variants)) {
                boolean last = workers == lastWorkers && variant == lastVariant;
                actorRows.add(actorRow(variant, workers, last, baseline));
            }
            results.add(executor != null ? executor : executorRow(plain, processor, workers, baseline));
            results.addAll(order == RowOrder.FORWARD ? actorRows : reversed(actorRows));
        }
        var clusterCost = clusterNodes.isEmpty() ? null
                : ClusterCostProbe.measure(system.system(), settings.input().set().sources(), settings.reads().httpTimeout(),
                        liveRemoteNode(results.get(results.size() - 1)));
        return new Report(
                host(),
                input(),
                delivery(settings, !clusterNodes.isEmpty()),
                settings.images().filters(),
                new Report.Baseline(baseline.wallMs(), imagesPerSec(baseline)),
                results,
                distinctByFile(results),
                clusterCost,
                dispatchers,
                coreScaling,
                coreSpeed.map(CoreSpeed::stop).orElse(List.of()));
    }

    /**
     * The core-speed probe's work: the first input image decoded and filtered, as a worker does it;
     * empty when that image cannot be read or decoded (the probe then does not run). It runs at the
     * JVM's own priority, above the workers', so that a worker does not cut it in two and cool its
     * caches: the sample is the core's speed, not the scheduler's.
     */
    private Optional<Runnable> coreSpeedWork() {
        var processor = new ImageProcessor(new ImageDecoder(settings.images().maxPixels()), filters, Optional.empty(), WorkerPriority.UNCHANGED);
        var source = settings.input().set().sources().get(0);
        try {
            byte[] encoded = new SourceReader(Duration.ZERO, settings.reads().httpTimeout()).read(source);
            processor.process(source.name(), encoded, "core-speed", "");
            return Optional.of(() -> {
                try {
                    processor.process(source.name(), encoded, "core-speed", "");
                } catch (UndecodableImageException e) {
                    throw new IllegalStateException("decoded before, not now: " + source.name(), e);
                }
            });
        } catch (UnreadableSourceException | UndecodableImageException e) {
            return Optional.empty();
        }
    }

    private RunResult executorRow(PlainRuns plain, ImageProcessor processor, int workers, RunOutcome baseline)
            throws TimeoutException, InterruptedException {
        collectGarbage();
        var setup = RunSetup.executor(workers);
        int images = inputs() * rows.passes(workers, rates.of(setup.label()));
        try (var run = progress.runStarted(setup.label(), images)) {
            var switches = ThreadSwitches.start();
            var outcome = plain.executor(processor, workers, images, run, switches);
            rates.record(setup.label(), imagesPerSec(outcome));
            return toResult(setup, outcome, switches.stop(), baseline);
        }
    }

    /** @param last whether this is the sweep's last run, the one that saves the processed images */
    private RunResult actorRow(Variant variant, int workers, boolean last, RunOutcome baseline) throws TimeoutException, InterruptedException {
        collectGarbage();
        var control = control(variant, workers);
        var nodes = stillUp(variant.nodes());
        int parallelism = workers * nodes.size();
        var label = variant.setup(workers, nodes.size(), control).label();
        int passes = rows.passes(parallelism, rates.of(label));
        try (var run = progress.runStarted(label, inputs() * passes)) {
            var spec = spec(variant.dispatcher(), variant.distribution(), workers, last ? settings.output() : Optional.empty(), control);
            // In cluster mode most threads of the run are in other JVMs: not counted.
            var switches = nodes.size() == 1 ? ThreadSwitches.start() : ThreadSwitches.none();
            var outcome = actorRun(variant, spec, nodes, settings.input().set().sources(), passes, run);
            outcome.nodeStats().stream().filter(node -> !node.status().equals(NodeStats.UP)).map(NodeStats::address).forEach(gone::add);
            rates.record(label, imagesPerSec(outcome));
            return toResult(variant.setup(workers, outcome.nodeStats().size(), control), outcome, switches.stop(), baseline);
        }
    }

    /** Where the control actors of {@code variant}'s run with {@code workers} workers work: its setting, auto resolved. */
    private ControlDispatcher control(Variant variant, int workers) {
        var dispatcher = dispatchers.get(variant.dispatcher());
        return variant.control().resolve(variant.kind() == RunKind.CLUSTER, variant.distribution(), DispatcherPresets.sharesThreads(dispatcher),
                dispatcher.threads().getOrDefault(workers, 0), cores);
    }

    private static <T> List<T> reversed(List<T> list) {
        var copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    /**
     * Every row starts on a collected heap (untimed), so that none pays for the garbage of the row
     * before it.
     */
    private static void collectGarbage() {
        System.gc();
    }

    private WorkerSpec spec(String dispatcher, Distribution distribution, int workers, Optional<OutputTarget> output, ControlDispatcher control) {
        var runWorkers = new WorkerSpec.RunWorkers(workers, settings.workers().threadsFor(workers), dispatcher, settings.workers().window(),
                distribution, settings.workers().mailboxCapacity(), settings.workers().streamBuffer(), control, settings.workers().nice());
        return new WorkerSpec("run-" + (++runs) + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF), runWorkers, settings.images(),
                settings.faults(), output.map(target -> new OutputTarget(target.dir().toAbsolutePath(), target.format(), target.quality())),
                settings.timing().sampleInterval().toMillis());
    }

    /** One actor configuration of the sweep, run for every worker count. */
    private record Variant(RunKind kind, List<ActorRef<NodeAgent.Command>> nodes, Distribution distribution, IoDispatcher reads,
            ControlDispatcher control, String dispatcher) {

        /** What its run with {@code workers} workers on {@code nodeCount} nodes is, its control actors placed on {@code resolvedControl}. */
        RunSetup setup(int workers, int nodeCount, ControlDispatcher resolvedControl) {
            return new RunSetup(kind, dispatcher, distribution.label(), reads.label(), resolvedControl.label(), control.label(), nodeCount, workers);
        }
    }

    /** Single mode, then cluster mode if there is a cluster; in each, every distribution x reader dispatcher x control x preset. */
    private List<Variant> variants() {
        var kinds = clusterNodes.isEmpty() ? List.of(RunKind.SINGLE) : List.of(RunKind.SINGLE, RunKind.CLUSTER);
        var variants = new ArrayList<Variant>();
        for (var kind : kinds) {
            var nodes = kind == RunKind.SINGLE ? List.of(localNode) : clusterNodes;
            for (var distribution : settings.compared().distributions()) {
                for (var reads : settings.compared().readers()) {
                    for (var control : settings.compared().controls()) {
                        for (var dispatcher : settings.compared().dispatchers()) {
                            variants.add(new Variant(kind, nodes, distribution, reads, control, dispatcher));
                        }
                    }
                }
            }
        }
        return variants;
    }

    /** @param variant its kind says whether the run takes in the nodes that join while it runs (cluster mode) */
    private RunOutcome actorRun(Variant variant, WorkerSpec spec, List<ActorRef<NodeAgent.Command>> nodes, List<ImageSource> sources, int repeat,
            ProgressListener.RunProgress run) throws TimeoutException, InterruptedException {
        var plan = new RunPlan(sources, repeat, spec, nodes, settings.reads().on(variant.reads()), variant.kind() == RunKind.CLUSTER);
        return system.spawnAndAwait("supervisor", replyTo -> RunSupervisor.create(plan, run::done, replyTo), spec.controlDispatcher(),
                settings.timing().runTimeout());
    }

    /** Every actor configuration once, over {@code sources}, untimed. */
    private List<RunOutcome> warmUpRuns(int workers, List<ImageSource> sources, int repeat) throws TimeoutException, InterruptedException {
        var outcomes = new ArrayList<RunOutcome>();
        for (var variant : variants()) {
            var spec = spec(variant.dispatcher(), variant.distribution(), workers, Optional.empty(), control(variant, workers));
            outcomes.add(actorRun(variant, spec, stillUp(variant.nodes()), sources, repeat, UNREPORTED));
        }
        return outcomes;
    }

    /** The nodes of {@code nodes} that no row has seen leave or die: the next row runs on these, and its label counts them. */
    private List<ActorRef<NodeAgent.Command>> stillUp(List<ActorRef<NodeAgent.Command>> nodes) {
        return nodes.stream().filter(node -> !gone.contains(node.path().address().toString())).toList();
    }

    private int inputs() {
        return settings.input().set().sources().size();
    }

    /** The sum of the figures that were measured; NaN when none was (no node collected garbage, for the live heap). */
    private static double knownSum(double[] figures) {
        var known = Arrays.stream(figures).filter(Double::isFinite).toArray();
        return known.length == 0 ? Double.NaN : Arrays.stream(known).sum();
    }

    /** Images a second of a run; rows may differ in images, so speedups are ratios of these. */
    private static double imagesPerSec(RunOutcome outcome) {
        return outcome.images() * 1000.0 / outcome.wallMs();
    }

    /**
     * How often each row of this trial feeds the input: as {@code --repeat} says, or, with a
     * minimum row time, as often as a sequential pass timed now says it takes.
     */
    private RowLength rowLength(PlainRuns plain, ImageProcessor processor) throws TimeoutException, InterruptedException {
        int inputs = settings.input().set().sources().size();
        var minimum = settings.timing().minRowTime();
        if (minimum.isZero()) {
            return RowLength.fixed(inputs, settings.input().repeat());
        }
        // The fastest of a few passes: a pass slower than the rows (a JIT not yet done) would make them short.
        double fastest = 0;
        long until = System.nanoTime() + RowLength.CALIBRATION_TIME.toNanos();
        do {
            var pass = plain.sequential(processor, Math.min(inputs, RowLength.CALIBRATION_IMAGES), UNREPORTED, ThreadSwitches.none());
            fastest = Math.max(fastest, imagesPerSec(pass));
        } while (System.nanoTime() < until);
        return new RowLength(inputs, settings.input().repeat(), minimum, fastest, cores);
    }

    private RunResult toResult(RunSetup setup, RunOutcome outcome, ThreadSwitches.Count switches, RunOutcome baseline) {
        double speedup = imagesPerSec(outcome) / imagesPerSec(baseline);
        var nodes = outcome.nodeStats();
        var timings = outcome.timings();
        return RunResult.builder(setup)
                .images(outcome.images())
                .failed(outcome.failures().size())
                .retried(outcome.retried())
                .redelivered(outcome.redelivered())
                .lost(outcome.lost())
                .restarts(outcome.restarts())
                .peakInFlight(outcome.peakInFlight())
                .overflowed(outcome.overflowed())
                .peakMailbox(outcome.peakMailbox())
                .heldBackMs(outcome.heldBackMs())
                .startedAtMicros(outcome.startedAtMicros())
                .inFlight(outcome.inFlight())
                .peakHeapMb(nodes.stream().mapToDouble(NodeStats::peakHeapMb).sum())
                .liveHeapMb(knownSum(nodes.stream().mapToDouble(NodeStats::liveHeapMb).toArray()))
                .wallMs(outcome.wallMs())
                .imagesPerSec(imagesPerSec(outcome))
                .speedup(speedup)
                .efficiency(speedup / (setup.workers() * setup.nodes()))
                .efficiencyPerCore(speedup / cores)
                .cpuLoadMean(nodes.stream().mapToDouble(NodeStats::cpuLoadMean).sum())
                .threadsSeen((int) timings.stream().map(timing -> timing.node() + "/" + timing.thread()).distinct().count())
                .coresSeen((int) timings.stream().filter(timing -> timing.core() >= 0).map(timing -> host(timing.node()) + "/" + timing.core())
                        .distinct().count())
                .voluntarySwitchesPerImage(switches.voluntaryPer(outcome.images()))
                .involuntarySwitchesPerImage(switches.involuntaryPer(outcome.images()))
                .nodeStats(nodes)
                .workerStats(outcome.workerStats())
                .imageTimings(timings)
                .failures(outcome.failures())
                .build();
    }

    /** Another node that was still up at the end of the last run, for measuring transfers to it. */
    private Optional<ActorRef<NodeAgent.Command>> liveRemoteNode(RunResult lastRun) {
        var up = lastRun.nodeStats().stream().filter(node -> node.status().equals(NodeStats.UP)).map(NodeStats::address).toList();
        return clusterNodes.stream()
                .filter(node -> !node.equals(localNode))
                .filter(node -> up.contains(node.path().address().toString()))
                .findFirst();
    }

    /** The host part of a node address (pekko://pipeline@HOST:PORT); cores are per host. */
    private static String host(String address) {
        int at = address.indexOf('@');
        int colon = address.lastIndexOf(':');
        return at < 0 || colon < at ? address : address.substring(at + 1, colon);
    }

    /**
     * What bounds the images each worker holds in the modes {@code settings} compares; the cluster's
     * window and batch only for a sweep on a cluster.
     */
    public static Report.Delivery delivery(SweepSettings settings, boolean cluster) {
        var workers = settings.workers();
        var modes = settings.compared().distributions();
        boolean pull = modes.contains(Distribution.PULL);
        boolean acrossJvms = pull && cluster;
        return new Report.Delivery(
                pull ? workers.window().forWorker(true) : null,
                acrossJvms ? workers.window().forWorker(false) : null,
                acrossJvms ? workers.window().imagesPerMessage(false) : null,
                modes.contains(Distribution.PUSH) ? workers.mailboxCapacity() : null,
                modes.contains(Distribution.STREAM) ? workers.streamBuffer() : null);
    }

    private Report.Input input() {
        var input = settings.input().set();
        boolean folder = input.kind() == InputSet.Kind.FOLDER;
        var reads = settings.reads();
        return new Report.Input(
                folder ? input.location().toString() : null,
                input.sources().size(),
                settings.input().repeat(),
                settings.imagesPerRun(),
                settings.timing().minRowTime().toMillis(),
                input.kind().label(),
                folder ? null : input.location().toString(),
                reads.latency().toMillis(),
                settings.compared().readers().stream().map(IoDispatcher::label).collect(Collectors.joining(",")),
                reads.readers(),
                input.skipped().stream().map(entry -> new Report.LeftOut(entry.name(), entry.reason())).toList());
    }

    private Report.Host host() {
        return new Report.Host(
                cores,
                System.getProperty("java.version"),
                ProcessHandle.current().pid(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Simd.describe(),
                WorkerPriority.describe(settings.workers().nice()),
                MemoryPages.describe());
    }

    /** The same broken file fails in every run: the report lists it once. */
    private static List<Failure> distinctByFile(List<RunResult> runs) {
        var byFile = new LinkedHashMap<String, Failure>();
        runs.forEach(run -> run.failures().forEach(failure -> byFile.putIfAbsent(failure.file(), failure)));
        return List.copyOf(byFile.values());
    }

}
