package org.pekkolab.imagepipeline.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.pekkolab.imagepipeline.probes.ThreadCpu.Group;
import org.pekkolab.imagepipeline.probes.ThreadCpu.Snapshot;
import org.pekkolab.imagepipeline.probes.ThreadCpu.ThreadTime;

class ThreadCpuTest {

    private static final double SPIN_MS = 200;

    @Test
    void aSpinningRunDispatcherThreadCountsInWorkersAndAnIdleReaderNearZero() throws InterruptedException {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean.isThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled(), "this JVM measures no thread CPU time");
        long processBefore = processCpuNanos();

        var cpu = ThreadCpu.start();
        var spun = new CountDownLatch(2);
        var release = new CountDownLatch(1);
        // Spins for its own CPU time, not the wall clock's, so that a busy machine only makes it take longer.
        var spinner = new Thread(() -> {
            long until = bean.getCurrentThreadCpuTime() + (long) (SPIN_MS * 1e6);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bean.getCurrentThreadCpuTime() < until && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            awaitRelease(spun, release);
        }, "pipeline-pipeline.run-dispatchers.\"fork-join-2\"-11");
        var idle = new Thread(() -> awaitRelease(spun, release), "pipeline-pipeline.blocking-io-dispatcher-4");
        spinner.start();
        idle.start();
        spun.await();
        var usage = cpu.stop();
        long processAfter = processCpuNanos();
        release.countDown();
        spinner.join();
        idle.join();

        var text = usage.toString();
        assertTrue(usage.cpuMs(Group.WORKERS) >= SPIN_MS / 2 && usage.cpuMs(Group.WORKERS) <= SPIN_MS * 1.5, text);
        assertTrue(usage.cpuMs(Group.READERS) < 50, text);
        assertTrue(usage.wallMs() >= usage.cpuMs(Group.WORKERS) * 0.9, "one thread cannot use more CPU than wall time: " + text);
        assertSame(usage, cpu.stop(), "the first stop measures, later ones repeat it");
        if (processBefore >= 0 && OS.LINUX.isCurrentOs()) {
            // No thread counted twice: the groups stay within the process's own CPU, up to 10 ms ticks of a few JVM threads.
            double groups = usage.cpuMs().values().stream().mapToDouble(Double::doubleValue).sum();
            double processMs = (processAfter - processBefore) / 1e6;
            assertTrue(groups <= processMs + 100, "process " + processMs + " ms, " + text);
        }
    }

    @Test
    void groupsByRealThreadNames() {
        var expected = new LinkedHashMap<String, Group>();
        expected.put("pipeline-pipeline.run-dispatchers.\"fork-join-2\"-11", Group.WORKERS);
        expected.put("pipeline-pipeline.blocking-io-dispatcher-4", Group.READERS);
        expected.put("pipeline-pipeline.io.virtual-thread-dispatcher-1", Group.READERS);
        expected.put("pipeline-pekko.actor.default-dispatcher-2", Group.CONTROL);
        expected.put("pipeline-pekko.remote.default-remote-dispatcher-7", Group.REMOTING);
        expected.put("pipeline-pekko.actor.internal-dispatcher-3", Group.REMOTING);
        expected.put("pipeline-pekko.io.pinned-dispatcher-2", Group.REMOTING);
        expected.put("aeron-client-conductor", Group.REMOTING);
        expected.put("C2 CompilerThread0", Group.JIT);
        expected.put("C1 CompilerThread0", Group.JIT);
        expected.put("C2 CompilerThre", Group.JIT);
        expected.put("GC Thread#1", Group.GC);
        expected.put("G1 Conc#0", Group.GC);
        expected.put("G1 Refine#0", Group.GC);
        expected.put("G1 Main Marker", Group.GC);
        expected.put("ZWorker#0", Group.GC);
        expected.put("Shenandoah GC T", Group.GC);
        expected.put("VM Thread", Group.OTHER);
        expected.put("main", Group.OTHER);
        expected.put(ThreadCpu.SEQUENTIAL_THREAD, Group.WORKERS);
        expected.put("pipeline-scheduler-1", Group.OTHER);
        expected.put("pipeline-pipeli", Group.OTHER);

        var actual = expected.keySet().stream()
                .collect(Collectors.toMap(name -> name, Group::of, (a, b) -> a, LinkedHashMap::new));
        assertEquals(expected, actual);
        assertEquals("workers", Group.WORKERS.label());
        assertEquals("jit", Group.JIT.label());
    }

    @Test
    void newThreadsCountFromZeroAndUnmeasuredGroupsAreNaN() {
        var before = new Snapshot(0, Map.of(1L, time("pipeline-pipeline.run-dispatchers.\"pinned-2\"-3", 100_000_000)),
                Map.of(7L, time("C2 CompilerThre", 50_000_000), 8L, time("GC Thread#0", 90_000_000)));
        var after = new Snapshot(2_000_000_000, Map.of(
                        1L, time("pipeline-pipeline.run-dispatchers.\"pinned-2\"-3", 400_000_000),
                        2L, time("pipeline-pipeline.run-dispatchers.\"pinned-2\"-4", 100_000_000),
                        3L, time("main", 5_000_000)),
                // Thread 8 ended and Linux gave its id to a new GC thread: it counts from zero.
                Map.of(7L, time("C2 CompilerThre", 80_000_000), 8L, time("GC Thread#1", 20_000_000), 9L, time("VM Thread", 10_000_000)));

        var usage = ThreadCpu.between(before, after);
        assertEquals(2000.0, usage.wallMs());
        assertEquals(400.0, usage.cpuMs(Group.WORKERS));
        assertEquals(30.0, usage.cpuMs(Group.JIT));
        assertEquals(20.0, usage.cpuMs(Group.GC));
        assertEquals(15.0, usage.cpuMs(Group.OTHER));
        assertEquals(0.0, usage.cpuMs(Group.REMOTING), "measured and unused is 0");
        assertEquals(4000.0, usage.perImage(100).get(Group.WORKERS), "microseconds per image");
        assertTrue(Double.isNaN(usage.perImage(0).get(Group.WORKERS)));

        var withoutProc = ThreadCpu.between(new Snapshot(0, before.java(), null), new Snapshot(1, after.java(), null));
        assertEquals(400.0, withoutProc.cpuMs(Group.WORKERS));
        for (var group : new Group[] {Group.JIT, Group.GC, Group.OTHER}) {
            assertTrue(Double.isNaN(withoutProc.cpuMs(group)), group + " holds JVM threads, unmeasured without /proc");
            assertTrue(Double.isNaN(withoutProc.perImage(10).get(group)));
        }
        var withoutBean = ThreadCpu.between(new Snapshot(0, null, before.jvm()), new Snapshot(1, null, after.jvm()));
        assertTrue(Double.isNaN(withoutBean.cpuMs(Group.WORKERS)));
        assertTrue(Double.isNaN(withoutBean.cpuMs(Group.OTHER)));
        assertEquals(30.0, withoutBean.cpuMs(Group.JIT));
    }

    @Test
    void readsNameAndTicksFromStat() {
        var stat = "4242 (C2 CompilerThre) S 1 4240 4240 0 -1 1077936192 3188 0 0 0 31 7 0 0 20 0 30 0 1186 0 0";
        assertEquals(time("C2 CompilerThre", 380_000_000), ThreadCpu.parse(stat), "31 + 7 ticks of 10 ms");
        var odd = "17 (a) b (c) R 1 1 1 0 -1 0 0 0 0 0 2 3 0 0 20 0";
        assertEquals(time("a) b (c", 50_000_000), ThreadCpu.parse(odd), "the name ends at the last parenthesis");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsTheJvmsOwnThreadsInProcAndNoJavaThread() {
        var jvm = ThreadCpu.snapshot().jvm();
        assertNotNull(jvm);
        var names = jvm.values().stream().map(ThreadTime::name).collect(Collectors.toSet());
        assertTrue(names.contains("VM Thread"), names.toString());
        assertTrue(names.stream().anyMatch(name -> Group.of(name) == Group.GC), names.toString());
        assertTrue(names.stream().anyMatch(name -> Group.of(name) == Group.JIT), names.toString());
        assertTrue(names.stream().noneMatch(name -> name.equals("java") || name.startsWith("main") || name.startsWith("surefire")),
                "Java threads are the bean's: " + names);

        var usage = ThreadCpu.start().stop();
        for (var group : Group.values()) {
            assertTrue(usage.cpuMs(group) >= 0, group + " " + usage);
        }
    }

    @Test
    @DisabledOnOs(OS.LINUX)
    void jvmThreadsAreNotMeasuredElsewhere() {
        var usage = ThreadCpu.start().stop();
        assertNull(ThreadCpu.snapshot().jvm());
        assertTrue(Double.isNaN(usage.cpuMs(Group.JIT)) && Double.isNaN(usage.cpuMs(Group.GC)) && Double.isNaN(usage.cpuMs(Group.OTHER)));
    }

    /** The CPU of the whole process, ended threads included; -1 when this JVM does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static ThreadTime time(String name, long cpuNanos) {
        return new ThreadTime(name, cpuNanos);
    }

    private static void awaitRelease(CountDownLatch ready, CountDownLatch release) {
        ready.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
