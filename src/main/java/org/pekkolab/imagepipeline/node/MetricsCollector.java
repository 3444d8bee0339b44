package org.pekkolab.imagepipeline.node;

import com.sun.management.GcInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.pekkolab.imagepipeline.probes.EpochClock;
import org.pekkolab.imagepipeline.probes.ThreadCpu;
import org.pekkolab.imagepipeline.probes.ThreadSwitches;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.JvmActivity;
import org.pekkolab.imagepipeline.results.MetricsSnapshot;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Sample;
import org.pekkolab.imagepipeline.results.WorkerStats;

/**
 * The metrics actor of one run on one node: collects the per-image timings of the node's workers
 * and samples the process (CPU time, heap, GC) while the run lasts, from when its clock starts
 * (an actor run tells it; a node that joins a run under way measures from when it joined). Every mode reports to it, the
 * sequential loop and the ExecutorService included, so all rows of the table are measured alike.
 *
 * <p>CPU load is process CPU time over wall time and available cores: the mean over the whole run,
 * and the peak over sampling intervals. The JIT's compile time during the run is kept too: a JVM
 * whose compilers still work takes a core from the workers. Heap is measured twice: the peak of
 * heap in use at the samples (garbage included, so it follows the collector's sizing) and the peak
 * of heap still in use right after a garbage collection (what the run keeps alive: flat when
 * memory is bounded, climbing when images pile up), from each collector's latest collection at
 * every sample.
 */
public final class MetricsCollector extends AbstractBehavior<MetricsCollector.Command> {

    public sealed interface Command {}

    public record Record(ImageTiming timing) implements Command {}

    public record Finish(ActorRef<MetricsSnapshot> replyTo) implements Command {}

    /** The run's clock starts now: what happened before (spawning, registering) is not the run's. */
    public enum ClockStarted implements Command { INSTANCE }

    /** The sampling timer's tick; package-private for tests, which have no timer. */
    enum SampleDue implements Command { INSTANCE }

    public static Behavior<Command> create(String address, Duration sampleInterval) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new MetricsCollector(context, timers, address, sampleInterval)));
    }

    private static final double MB = 1024.0 * 1024.0;
    /** Looked up once: the lookup is reflective and, every sample, cost more than the sample itself. */
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final String address;
    /**
     * The shortest interval that gets a load sample. Timer ticks that waited behind a busy thread
     * arrive back to back, microseconds apart, where the process CPU clock has not moved: such an
     * interval would read as a load of 0 (or 1), which was never the case.
     */
    private final long shortestSampleNanos;
    private final List<ImageTiming> timings = new ArrayList<>();
    private long startNanos;
    private long startCpuNanos;
    private long startGcMs;
    private double startJitMs;
    private ThreadCpu threadCpu;
    private ThreadSwitches switches;
    private long lastNanos;
    private long lastCpuNanos;
    private double peakCpuLoad;
    /** The load of each sampling interval: the node's CPU over time, for the report's charts. */
    private final List<Sample> cpuLoad = new ArrayList<>();
    private double peakHeapMb;
    private final Map<String, Long> lastGcIds = new HashMap<>();
    /** -1 until a collection happens during the run: without one, nothing says what the run kept alive. */
    private long peakLiveHeapBytes = -1;

    private MetricsCollector(ActorContext<Command> context, TimerScheduler<Command> timers, String address, Duration sampleInterval) {
        super(context);
        this.address = address;
        this.shortestSampleNanos = sampleInterval.toNanos() / 2;
        startMeasuring();
        timers.startTimerAtFixedRate(SampleDue.INSTANCE, sampleInterval);
    }

    /** Every figure counts from now on. */
    private void startMeasuring() {
        startNanos = lastNanos = System.nanoTime();
        startCpuNanos = lastCpuNanos = os.getProcessCpuTime();
        startGcMs = gcMillis();
        startJitMs = jitMillis();
        threadCpu = ThreadCpu.start();
        switches = ThreadSwitches.start();
        peakCpuLoad = 0;
        cpuLoad.clear();
        peakHeapMb = heapUsedMb();
        peakLiveHeapBytes = -1;
        // Collections before the run are not the run's: only those after these ids count.
        forEachLastGc((name, info) -> lastGcIds.put(name, info.getId()));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Record.class, record -> {
                    timings.add(record.timing());
                    return this;
                })
                .onMessageEquals(SampleDue.INSTANCE, () -> {
                    sample(false);
                    return this;
                })
                .onMessageEquals(ClockStarted.INSTANCE, () -> {
                    startMeasuring();
                    return this;
                })
                .onMessage(Finish.class, this::onFinish)
                .build();
    }

    /** Calls {@code action} with each collector's most recent collection, for those that had one. */
    private static void forEachLastGc(BiConsumer<String, GcInfo> action) {
        for (var gc : COLLECTORS) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean collector) {
                var last = collector.getLastGcInfo();
                if (last != null) {
                    action.accept(collector.getName(), last);
                }
            }
        }
    }

    /** Heap in use after the collection: every heap pool's usage once the collector was done. */
    private static long liveHeapBytes(GcInfo info) {
        return info.getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }

    /** @param evenIfShort whether an interval shorter than {@link #shortestSampleNanos} gets a load sample too */
    private void sample(boolean evenIfShort) {
        long now = System.nanoTime();
        if (now > lastNanos && (evenIfShort || now - lastNanos >= shortestSampleNanos)) {
            long cpu = os.getProcessCpuTime();
            double load = cpuLoad(cpu - lastCpuNanos, now - lastNanos);
            peakCpuLoad = Math.max(peakCpuLoad, load);
            cpuLoad.add(new Sample(EpochClock.nowMicros(), load));
            lastNanos = now;
            lastCpuNanos = cpu;
        }
        peakHeapMb = Math.max(peakHeapMb, heapUsedMb());
        // Polled, not listened for: the latest collection of each collector since the last sample.
        forEachLastGc((name, info) -> {
            if (!Long.valueOf(info.getId()).equals(lastGcIds.put(name, info.getId()))) {
                peakLiveHeapBytes = Math.max(peakLiveHeapBytes, liveHeapBytes(info));
            }
        });
    }

    private Behavior<Command> onFinish(Finish finish) {
        // A run shorter than the shortest interval still gets one sample: its whole time.
        sample(cpuLoad.isEmpty());
        double meanLoad = cpuLoad(os.getProcessCpuTime() - startCpuNanos, System.nanoTime() - startNanos);
        var threads = new TreeSet<String>();
        var coresSeen = new TreeSet<Integer>();
        long busyMicros = 0;
        for (var timing : timings) {
            threads.add(timing.thread());
            if (timing.core() >= 0) {
                coresSeen.add(timing.core());
            }
            busyMicros += timing.totalMicros();
        }
        var node = new NodeStats(
                address,
                ProcessHandle.current().pid(),
                timings.size(),
                busyMicros / 1_000.0,
                meanLoad,
                Math.max(peakCpuLoad, meanLoad),
                peakHeapMb,
                peakLiveHeapBytes < 0 ? Double.NaN : peakLiveHeapBytes / MB,
                gcMillis() - startGcMs,
                threads.size(),
                coresSeen.size())
                .withJvm(jvmActivity(timings.size()))
                .withCpuLoad(cpuLoad);
        finish.replyTo().tell(new MetricsSnapshot(node, workerStats()));
        return Behaviors.stopped();
    }

    private List<WorkerStats> workerStats() {
        var byWorker = timings.stream().collect(Collectors.groupingBy(ImageTiming::worker, LinkedHashMap::new, Collectors.toList()));
        return byWorker.entrySet().stream()
                .map(entry -> {
                    var done = entry.getValue();
                    return new WorkerStats(
                            entry.getKey(),
                            done.get(0).node(),
                            done.size(),
                            done.stream().mapToLong(ImageTiming::totalMicros).sum() / 1_000.0,
                            done.stream().map(ImageTiming::thread).distinct().sorted().toList(),
                            done.stream().map(ImageTiming::core).filter(core -> core >= 0).distinct().sorted().toList());
                })
                .sorted(Comparator.comparing(WorkerStats::worker, WorkerStats.NAME_ORDER))
                .toList();
    }

    private double cpuLoad(long cpuNanos, long wallNanos) {
        return wallNanos <= 0 ? 0.0 : Math.min(1.0, (double) cpuNanos / ((double) wallNanos * cores));
    }

    private double heapUsedMb() {
        return memory.getHeapMemoryUsage().getUsed() / MB;
    }

    /** Where this JVM's CPU went by kind of thread, its thread switches per image and its JIT time, over the run. */
    private JvmActivity jvmActivity(int images) {
        var cpu = threadCpu.stop();
        var cpuMs = new LinkedHashMap<String, Double>();
        cpu.cpuMs().forEach((group, ms) -> cpuMs.put(group.label(), Double.isNaN(ms) ? null : ms));
        var count = switches.stop();
        return new JvmActivity(cpuMs, orNull(count.voluntaryPer(images)), orNull(count.involuntaryPer(images)), orNull(jitMillis() - startJitMs));
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** Time the JIT has spent compiling since the JVM started; NaN where the JVM does not tell. */
    private static double jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : Double.NaN;
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : COLLECTORS) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
