package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

class ConsoleReportTest {

    @Test
    void showsWhatTheClusterPaysOnlyWhenThereIsACluster() {
        var single = Fixtures.sweep();
        assertFalse(ConsoleReport.render(single).contains("What the cluster pays"));

        var cost = new Report.ClusterCost("ImageMessageSerializer", 51_200, 21.25, 16.75, 437.3);
        var clustered = new Report(single.host(), single.input(), single.delivery(), single.filters(), single.baseline(), single.runs(), single.failures(), cost,
                single.dispatchers(), single.coreScaling(), single.coreSpeed());
        assertTrue(ConsoleReport.render(clustered).contains(
                "What the cluster pays per image (50.0 KiB, ImageMessageSerializer): serialize 21.3 us, deserialize 16.8 us,"
                        + " round trip to another node 437.3 us"));
    }

    @Test
    void rendersTableAnalysisNodesAndFailures() {
        String text = ConsoleReport.render(Fixtures.sweep());

        for (String label : List.of("sequential", "executor/2w", "single/fork-join/1w", "single/fork-join/4w", "cluster/fork-join/2wx2n")) {
            assertTrue(text.contains(label), label);
        }
        String executorRow = line(text, "executor/2w ");
        for (String figure : List.of("thread-pool", "2.22 s", "36.0", "1.80", "0.90", "88%")) {
            assertTrue(executorRow.contains(figure), figure + " in " + executorRow);
        }
        assertTrue(line(text, "sequential ").contains("4.00 s"));
        assertTrue(line(text, "cluster/fork-join/2wx2n").contains("2x2n"));

        assertTrue(text.contains("    node pekko://lab@127.0.0.1:25521  pid 4343  images 8  busy 1.23 s  cpu 77% mean / 99% peak"));
        assertEquals(2, text.lines().filter(l -> l.startsWith("    node ")).count(), "node rows only for the cluster run");

        assertTrue(text.contains("Best configuration: single/fork-join/4w: 64.0 img/s, speedup 3.20, efficiency 0.80"));
        assertTrue(line(text, "  single/fork-join/2w ").contains("e=0.111"));
        assertTrue(text.contains("  left out, limited by what the cluster pays for moving images between JVMs: cluster/fork-join/2wx2n"), text);
        assertTrue(text.contains("Estimated serial fraction f = 0.111 (median of e over 3 rows"), text);
        assertTrue(text.contains("Amdahl bound: 3.00x on this machine's 4 cores, 9.00x as p -> infinity"));
        assertTrue(text.contains("Core scaling: 4 threads of arithmetic in registers did 3.62x one thread's work just before the rows"), text);
        assertTrue(text.contains("(4.00 on idle cores of their own)"), text);
        assertTrue(text.contains("broken.jpg: not a decodable image"));
        assertTrue(text.contains("Filter kernels: SIMD, 256-bit vectors"));
        assertTrue(text.contains("Memory pages: 2 MB for 2148 MB of this JVM's memory, 4 KB for the rest"));

        assertFalse(text.contains("\u001b"), "no ANSI escapes");
        assertFalse(line(text, "run ").contains("failed"), "trouble columns only when needed");
        text.lines().forEach(l -> assertTrue(l.length() <= 120, l));
    }

    @Test
    void showsHowOftenThreadsWaitedAndWerePreemptedPerImage() {
        var troubled = Fixtures.sweep().runs().get(1);
        var unknown = figures(RunResult.builder(Fixtures.setup(RunKind.SINGLE, "pinned", "pull", 1, 1)))
                .voluntarySwitchesPerImage(Double.NaN)
                .involuntarySwitchesPerImage(Double.NaN)
                .build();
        String text = ConsoleReport.render(Fixtures.report(List.of(Fixtures.sweep().runs().get(0), troubled, unknown), List.of()));

        String section = text.lines().dropWhile(l -> !l.startsWith("thread switches per image")).takeWhile(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
        assertTrue(line(section, "thread switches").matches("thread switches per image\\s+waited\\s+preempted"), section);
        assertTrue(line(section, "sequential").matches("sequential\\s+0\\.3\\s+1\\.3"), section);
        assertTrue(line(section, "executor/2w").matches("executor/2w\\s+0\\.3\\s+2\\.5"), section);
        assertTrue(line(section, "single/pinned/1w").matches("single/pinned/1w\\s+-\\s+-"), section);
    }

    @Test
    void leavesOutTheSwitchesWhereNoRunCountedThem() {
        var r = Fixtures.sweep().runs().get(1);
        var unknown = figures(RunResult.builder(r.setup()))
                .peakInFlight(2)
                .voluntarySwitchesPerImage(Double.NaN)
                .involuntarySwitchesPerImage(Double.NaN)
                .build();
        assertFalse(ConsoleReport.render(Fixtures.report(List.of(unknown), List.of())).contains("thread switches"));
    }

    @Test
    void showsAllocationPerPixelAndBothHeapPeaksForEveryRun() {
        var withoutCounter = Fixtures.run(RunKind.SINGLE, "pinned", 1, 1, 0.9, List.of(), List.of(
                new ImageTiming("x.jpg", "worker-1", "node-1", "t-1", 0, 100, List.of(1L), 200, 1000, -1, -1, -1, 0)));
        String text = ConsoleReport.render(Fixtures.report(List.of(Fixtures.sweep().runs().get(1), withoutCounter), List.of()));

        String section = text.lines().dropWhile(l -> !l.startsWith("memory ")).takeWhile(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
        assertTrue(line(section, "memory").matches("memory\\s+alloc B/px\\s+alloc KiB/image\\s+heap peak MB\\s+live heap MB"), section);
        // 1 310 720 bytes for 262 144 pixels: 5 bytes a pixel, 1280 KiB an image.
        assertTrue(line(section, "executor/2w").matches("executor/2w\\s+5\\.0\\s+1280\\s+256\\s+40"), section);
        assertTrue(line(section, "single/pinned/1w").matches("single/pinned/1w\\s+-\\s+-\\s+256\\s+40"), section);
    }

    @Test
    void showsTroubleColumnsAndUndefinedSerialFraction() {
        var r = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 1, 0.9, List.of(), List.of());
        var troubled = figures(RunResult.builder(r.setup()))
                .failed(2)
                .retried(3)
                .restarts(1)
                .voluntarySwitchesPerImage(Double.NaN)
                .involuntarySwitchesPerImage(Double.NaN)
                .build();
        String text = ConsoleReport.render(Fixtures.report(List.of(troubled), List.of()));

        assertTrue(line(text, "run ").contains("failed  retried  lost  restarts"));
        assertTrue(text.contains("Estimated serial fraction f: not measured"), text);
        assertFalse(text.contains("Failures"));
    }

    @Test
    void saysWhenRunsAreTooShortToCompare() {
        var quick = Fixtures.runBuilder(RunKind.SINGLE, "fork-join", 1, 2, 1.8).wallMs(312.5).build();
        var text = ConsoleReport.render(Fixtures.report(List.of(Fixtures.sweep().runs().get(0), quick), List.of()));
        assertTrue(text.contains("Note: the shortest run took 312.5 ms; runs under 1.00 s can move by 10-20 %"), text);
        // Nor does such a row count towards the serial fraction.
        assertTrue(text.contains("left out, limited by a row too short to measure: single/fork-join/2w"), text);
        // The fixture's rows all take a second or more.
        assertFalse(ConsoleReport.render(Fixtures.sweep()).contains("Note: the shortest run"));
    }

    @Test
    void showsBackpressurePeaksOnlyWhenAPushRunIsPresent() {
        assertFalse(ConsoleReport.render(Fixtures.sweep()).contains("backpressure"));

        var pull = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 1.8, List.of(), List.of());
        var push = RunResult.builder(Fixtures.setup(RunKind.SINGLE, "fork-join", "push", 1, 2))
                .images(2600)
                .peakInFlight(2600)
                .overflowed(1234)
                .peakMailbox(16)
                .heldBackMs(2500)
                .peakHeapMb(812.5)
                .liveHeapMb(640.0)
                .wallMs(100)
                .imagesPerSec(20)
                .speedup(1.8)
                .efficiency(0.9)
                .efficiencyPerCore(0.45)
                .cpuLoadMean(0.5)
                .threadsSeen(2)
                .coresSeen(2)
                .voluntarySwitchesPerImage(Double.NaN)
                .involuntarySwitchesPerImage(Double.NaN)
                .build();
        String text = ConsoleReport.render(Fixtures.report(List.of(Fixtures.sweep().runs().get(0), pull, push), List.of()));

        String section = text.lines().dropWhile(l -> !l.startsWith("backpressure (peaks)")).takeWhile(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
        assertEquals(3, section.lines().count(), section);
        assertTrue(line(section, "backpressure").matches("backpressure \\(peaks\\)\\s+in flight\\s+mailbox\\s+overflowed\\s+live heap MB\\s+reading held back"));
        assertTrue(line(section, "single/fork-join/2w ").matches("single/fork-join/2w\\s+2\\s+-\\s+0\\s+40\\.3\\s+-"),
                line(section, "single/fork-join/2w "));
        assertTrue(line(section, "single/fork-join/2w/push ").matches("single/fork-join/2w/push\\s+2600\\s+16\\s+1234\\s+640\\.0\\s+2\\.50 s"),
                line(section, "single/fork-join/2w/push "));
        assertFalse(section.contains("sequential"), "only actor runs");
        text.lines().forEach(l -> assertTrue(l.length() <= 120, l));
    }

    /** 20 images, one in flight, 1 MB of heap, 100 ms at speedup 0.9 on one thread and core at half load. */
    private static RunResult.Builder figures(RunResult.Builder run) {
        return run.images(20)
                .peakInFlight(1)
                .peakHeapMb(1)
                .liveHeapMb(1)
                .wallMs(100)
                .imagesPerSec(20)
                .speedup(0.9)
                .efficiency(0.9)
                .efficiencyPerCore(0.2)
                .cpuLoadMean(0.5)
                .threadsSeen(1)
                .coresSeen(1);
    }

    @Test
    void aNodeThatDiedIsMarkedAndItsFiguresAreNotShownAsZero() {
        var up = Fixtures.node("pekko://lab@127.0.0.1:25520", 4242, 12, 0.91);
        var dead = NodeStats.fromTimings("pekko://lab@127.0.0.1:25521", 4343, NodeStats.DOWN, List.of()).withMembership(Double.NaN, 3200);
        var run = Fixtures.run(RunKind.CLUSTER, "fork-join", 2, 2, 2.5, List.of(up, dead), List.of());

        String text = ConsoleReport.render(Fixtures.report(List.of(run), List.of()));

        var deadLine = line(text, "    node pekko://lab@127.0.0.1:25521");
        assertTrue(deadLine.contains("DOWN at 3.20 s: died during the row"), deadLine);
        assertFalse(deadLine.contains("cpu 0%"), deadLine);
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start));
    }
}
