package org.pekkolab.imagepipeline.probes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How much CPU each kind of thread of this JVM used over a stretch of time (a run): the filter
 * workers, the image readers, the control actors, remoting, the JIT compilers, the garbage
 * collector and the rest. It is the measurement behind a "where the CPU goes, per node" table: on
 * two cores every millisecond spent outside the workers is one they did not get.
 *
 * <p>Java threads are read through {@link java.lang.management.ThreadMXBean}: full names (Pekko's
 * {@code system-dispatcher-N}, which the 15-character Linux thread name cuts short) and CPU time in
 * nanoseconds, on every OS that supports it. The JVM's own threads (compilers, GC, VM thread) have
 * no {@link Thread} the bean lists; Linux shows them in /proc/self/task/TID/stat, told apart by
 * their names there. Elsewhere their groups ({@link Group#JIT}, {@link Group#GC} and
 * {@link Group#OTHER}, which holds the VM thread) are not measured: NaN, never 0.
 *
 * <p>Threads that start during the stretch count from zero. Threads that end before {@link #stop()}
 * are lost with their CPU: neither the bean nor /proc knows them any more. A run's own dispatcher
 * threads end when the run's dispatcher shuts down, which comes after {@code stop()} in practice;
 * an idle pool thread that times out within the run does not. Virtual threads (Java 21+) are not
 * listed either: their CPU lands on their carrier threads, counted in {@link Group#OTHER}.
 */
public final class ThreadCpu {

    /** How the ExecutorService rows name their pool's threads: they are workers too. */
    public static final String EXECUTOR_THREAD_PREFIX = "pipeline-executor-";

    /** The sequential baseline's one thread. */
    public static final String SEQUENTIAL_THREAD = "pipeline-sequential";

    private static final Path TASKS = Path.of("/proc/self/task");
    /**
     * The unit of the times in /proc: USER_HZ, the clock tick the kernel exposes to user space
     * whatever its internal CONFIG_HZ. Java cannot ask {@code sysconf(_SC_CLK_TCK)}, but USER_HZ is
     * 100 on every architecture the JDK runs on; deriving it from a thread's MXBean time would cost
     * a calibration spin per run and still be off by a tick.
     */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    /** Fields 14 and 15 of stat (utime, stime) counted from field 3, the first after the name. */
    private static final int UTIME_INDEX = 14 - 3;
    private static final int STIME_INDEX = 15 - 3;
    /**
     * HotSpot's threads outside {@link Group#JIT} and {@link Group#GC} that ThreadMXBean does not
     * list, by their Linux names (cut to 15 characters); they count in {@link Group#OTHER}.
     */
    private static final Set<String> HIDDEN_JVM_THREADS =
            Set.of("VM Thread", "VM Periodic Tas", "Service Thread", "Monitor Deflati", "Sweeper thread");

    /** A kind of thread, by the name Pekko or the JVM gives it. */
    public enum Group {
        /** The run's CPU dispatchers, where the filter workers run, the ExecutorService rows' pool threads and the sequential loop's thread. */
        WORKERS,
        /** The image readers' blocking and virtual-thread I/O dispatchers. */
        READERS,
        /** Pekko's default dispatcher: node agents, supervisors of their own, metrics. */
        CONTROL,
        /** Artery, cluster and Pekko's internal and I/O dispatchers. */
        REMOTING,
        /** The JIT compiler threads. */
        JIT,
        /** The garbage collector's threads, of whichever collector. */
        GC,
        /** Everything else: main, the scheduler, the VM thread, the JDK's housekeeping threads. */
        OTHER;

        /** The name tables show. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The group of a thread by its name: a Java thread's full name, or a JVM thread's Linux name
         * (whose 15 characters are enough for the JIT and GC prefixes below).
         */
        public static Group of(String threadName) {
            if (threadName.contains("pipeline.run-dispatchers") || threadName.startsWith(EXECUTOR_THREAD_PREFIX)
                    || threadName.equals(SEQUENTIAL_THREAD)) {
                return WORKERS;
            }
            if (threadName.contains("pipeline.blocking-io-dispatcher") || threadName.contains("pipeline.io.virtual-thread-dispatcher")) {
                return READERS;
            }
            if (threadName.contains("pekko.actor.default-dispatcher")) {
                return CONTROL;
            }
            var lower = threadName.toLowerCase(Locale.ROOT);
            if (threadName.contains("pekko.remote.") || threadName.contains("pekko.actor.internal-dispatcher")
                    || threadName.contains("pekko.io.") || lower.contains("artery") || lower.contains("aeron")) {
                return REMOTING;
            }
            if (startsWithAny(threadName, "C1 Compiler", "C2 Compiler", "JVMCI")) {
                return JIT;
            }
            // G1, Parallel and Serial GC workers; ZGC (Java 17 and generational); Shenandoah.
            if (startsWithAny(threadName, "GC Thread", "G1 ", "ZWorker", "ZDriver", "ZDirector", "ZStat", "ZUnmapper",
                    "ZUncommitter", "RuntimeWorker", "Shenandoah")) {
                return GC;
            }
            return OTHER;
        }

        /** Whether some of its threads are the JVM's own, seen only in /proc. */
        boolean hasJvmThreads() {
            return this == JIT || this == GC || this == OTHER;
        }

        /** Whether some of its threads are Java threads, seen through ThreadMXBean. */
        boolean hasJavaThreads() {
            return this != JIT && this != GC;
        }

        private static boolean startsWithAny(String name, String... prefixes) {
            for (var prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The CPU each group used over a stretch.
     *
     * @param wallMs wall-clock time from {@link #start()} to {@link #stop()}
     * @param cpuMs CPU time (user + system) per group, every group present; NaN when not measured
     */
    public record Usage(double wallMs, Map<Group, Double> cpuMs) {

        public Usage {
            var copy = new EnumMap<Group, Double>(Group.class);
            copy.putAll(cpuMs);
            cpuMs = Collections.unmodifiableMap(copy);
        }

        /** The CPU milliseconds of one group, NaN when not measured. */
        public double cpuMs(Group group) {
            return cpuMs.getOrDefault(group, Double.NaN);
        }

        /** CPU microseconds per image of every group, NaN when not measured or without images. */
        public Map<Group, Double> perImage(int images) {
            var perImage = new EnumMap<Group, Double>(Group.class);
            for (var group : Group.values()) {
                perImage.put(group, images > 0 ? cpuMs(group) * 1000 / images : Double.NaN);
            }
            return Collections.unmodifiableMap(perImage);
        }
    }

    /** One thread's name and CPU time so far. */
    record ThreadTime(String name, long cpuNanos) {}

    /**
     * Every thread's CPU at one instant.
     *
     * @param java Java threads by thread id; null when ThreadMXBean measures no thread CPU time
     * @param jvm the JVM's own threads by Linux thread id; null without /proc
     */
    record Snapshot(long nanoTime, Map<Long, ThreadTime> java, Map<Long, ThreadTime> jvm) {}

    private final Snapshot atStart;
    private Usage usage;

    private ThreadCpu(Snapshot atStart) {
        this.atStart = atStart;
    }

    /** Starts measuring now. */
    public static ThreadCpu start() {
        return new ThreadCpu(snapshot());
    }

    /** The CPU per group since {@link #start()}; the first call measures, later calls return the same usage. */
    public synchronized Usage stop() {
        if (usage == null) {
            usage = between(atStart, snapshot());
        }
        return usage;
    }

    /**
     * The CPU per group from one snapshot to the next. A thread missing from the first counts from
     * zero, and so does one whose time went down (Linux gave an ended thread's id to a new one).
     */
    static Usage between(Snapshot before, Snapshot after) {
        var nanos = new EnumMap<Group, Long>(Group.class);
        boolean javaMeasured = before.java() != null && after.java() != null;
        boolean jvmMeasured = before.jvm() != null && after.jvm() != null;
        if (javaMeasured) {
            addSince(nanos, before.java(), after.java());
        }
        if (jvmMeasured) {
            addSince(nanos, before.jvm(), after.jvm());
        }
        var cpuMs = new EnumMap<Group, Double>(Group.class);
        for (var group : Group.values()) {
            boolean measured = (javaMeasured || !group.hasJavaThreads()) && (jvmMeasured || !group.hasJvmThreads());
            cpuMs.put(group, measured ? nanos.getOrDefault(group, 0L) / 1e6 : Double.NaN);
        }
        return new Usage((after.nanoTime() - before.nanoTime()) / 1e6, cpuMs);
    }

    private static void addSince(Map<Group, Long> nanos, Map<Long, ThreadTime> before, Map<Long, ThreadTime> after) {
        for (var thread : after.entrySet()) {
            long now = thread.getValue().cpuNanos();
            var then = before.get(thread.getKey());
            long used = then != null && then.cpuNanos() <= now ? now - then.cpuNanos() : now;
            nanos.merge(Group.of(thread.getValue().name()), used, Long::sum);
        }
    }

    static Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), javaThreads(), Files.isDirectory(TASKS) ? jvmThreads() : null);
    }

    /** Every live Java thread, or null when this JVM does not measure thread CPU time. */
    private static Map<Long, ThreadTime> javaThreads() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!bean.isThreadCpuTimeSupported() || !bean.isThreadCpuTimeEnabled()) {
            return null;
        }
        var threads = new HashMap<Long, ThreadTime>();
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            // A thread that ended after the listing has no info, or no time (-1): nothing left to count.
            long cpuNanos = info == null ? -1 : bean.getThreadCpuTime(info.getThreadId());
            if (cpuNanos >= 0) {
                threads.put(info.getThreadId(), new ThreadTime(info.getThreadName(), cpuNanos));
            }
        }
        return threads;
    }

    /**
     * The JVM's own threads in /proc: those whose names say JIT, GC or one of the other threads the
     * bean does not list. Every other task is a Java thread, already counted with its full name, or
     * the launcher's first thread, which only waits for the JVM to end.
     */
    private static Map<Long, ThreadTime> jvmThreads() {
        var threads = new HashMap<Long, ThreadTime>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    var thread = parse(new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.UTF_8));
                    var group = Group.of(thread.name());
                    if (group == Group.JIT || group == Group.GC || HIDDEN_JVM_THREADS.contains(thread.name())) {
                        threads.put(Long.parseLong(task.getFileName().toString()), thread);
                    }
                } catch (IOException e) {
                    // The thread ended after the listing: nothing left to count.
                }
            });
        } catch (IOException e) {
            // No thread listing: nothing to count.
        }
        return threads;
    }

    /** A task's name (the same as its comm file, read with its times) and user + system time. */
    static ThreadTime parse(String stat) {
        // The name sits in parentheses and may hold spaces and parentheses itself: fields follow the last ')'.
        int close = stat.lastIndexOf(')');
        var name = stat.substring(stat.indexOf('(') + 1, close);
        var fields = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[UTIME_INDEX]) + Long.parseLong(fields[STIME_INDEX]);
        return new ThreadTime(name, ticks * NANOS_PER_TICK);
    }
}
