package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.probes.CoreSpeed;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.JvmActivity;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * A cluster row set against the single row with as many workers, per node and per kind of thread,
 * with round figures: 20 images of 2000 us of work each; single mode 2 workers in 1000 ms, the
 * cluster 1 worker x 2 nodes in 1250 ms, each node doing 10 images, the second at 10 % more CPU
 * per image; remoting 4 ms per node in the cluster, 0.2 ms in the single JVM.
 */
class ClusterReportTest {

    private static final String A = "pekko://pipeline@127.0.0.1:2551";
    private static final String B = "pekko://pipeline@127.0.0.1:2552";

    @TempDir
    Path tmp;

    private static ImageTiming image(String node, int i, long cpuNanos) {
        return new ImageTiming("img-" + i + ".jpg", "worker-1", node, "thread-" + node, 0, 1000, List.of(500L, 300L, 200L), 2000, 1000,
                -1, i * 10_000_000L, i * 10_000_000L + cpuNanos, i * 10_000L);
    }

    private static NodeStats node(String address, long pid, int images, Map<String, Double> cpuMs) {
        return new NodeStats(address, pid, images, images * 2.0, 0.5, 0.9, 100, 20, 1, 1, 1)
                .withJvm(new JvmActivity(cpuMs, 3.0, 1.0, 2.0));
    }

    static Report report(int imagesOnB) {
        var singleTimings = new ArrayList<ImageTiming>();
        var clusterTimings = new ArrayList<ImageTiming>();
        for (int i = 0; i < 20; i++) {
            singleTimings.add(image(A, i, 2_000_000));
            clusterTimings.add(i < 20 - imagesOnB ? image(A, i, 2_000_000) : image(B, i, 2_200_000));
        }
        var single = Fixtures.runBuilder(RunKind.SINGLE, "fork-join", 1, 2, 1.0).wallMs(1000)
                .nodeStats(List.of(node(A, 4242, 20, Map.of("workers", 40.0, "remoting", 0.2)))).imageTimings(singleTimings).build();
        var cluster = Fixtures.runBuilder(RunKind.CLUSTER, "fork-join", 2, 1, 0.8).wallMs(1250)
                .nodeStats(List.of(node(A, 4242, 20 - imagesOnB, Map.of("workers", 20.0, "remoting", 4.0)),
                        node(B, 4343, imagesOnB, Map.of("workers", 20.0, "remoting", 4.0))))
                .imageTimings(clusterTimings).build();
        return Fixtures.report(List.of(single, cluster), List.of());
    }

    @Test
    void aClusterRowIsSetAgainstTheSingleRowWithAsManyWorkersInAll() {
        var comparisons = ClusterComparison.of(report(10));

        assertEquals(1, comparisons.size());
        var c = comparisons.get(0);
        assertEquals("cluster/fork-join/1wx2n", c.cluster());
        assertEquals("single/fork-join/2w", c.single());
        // Worker time per image: 1250 ms x 2 workers / 20 against 1000 ms x 2 / 20.
        assertEquals(125_000, c.clusterSide().workerTimeUs(), 1e-6);
        assertEquals(100_000, c.singleSide().workerTimeUs(), 1e-6);
        assertEquals(25_000, c.extraUs(), 1e-6);
        assertEquals(2000, c.clusterSide().workUs(), 1e-6);
        assertEquals(400, c.clusterSide().cpuUs().get("remoting"), 1e-6, "4 ms on each node over 20 images");
        assertEquals(10, c.singleSide().cpuUs().get("remoting"), 1e-6);
        assertEquals(0.5, c.crossedShare(), 1e-9, "half the images were done on the node that is not the coordinator");
    }

    @Test
    void eachNodeOfAClusterRowHasItsOwnTimeAndTheBenchComparesNodes() {
        var report = report(8);
        var cluster = report.runs().get(1);

        var byNode = TimeBreakdown.byNode(cluster, 3);
        assertEquals(List.of(A, B), byNode.stream().map(TimeBreakdown::label).toList());
        // Node B: 8 images in 1250 ms of its one worker's time: 2000 us of work each, 7 gaps of 7.8 ms of CPU between them, the rest idle.
        assertEquals(7 * 7800.0 / 8, byNode.get(1).betweenUs(), 1e-6);
        assertEquals(1_250_000.0 / 8 - 2000 - 7 * 7800.0 / 8, byNode.get(1).idleUs(), 1e-6);

        assertEquals(0.2, ClusterBench.splitDeviation(cluster), 1e-9, "12 and 8 images where 10 each was fair");
        assertEquals(0.1, ClusterBench.nodeCpuDeviation(cluster, 4242, ImageTiming::cpuMicros), 1e-9, "2.2 ms of CPU per image against the coordinator's 2 ms");
        var bench = ClusterBench.of(List.of(report, report(10)));
        assertEquals(1, bench.size());
        assertEquals(0.8, bench.get(0).toSingle().median(), 1e-9, "the throughput of 0.8 x the baseline over 1.0 x, in each trial");
    }

    @Test
    void aNodeSlowerOnlyBecauseItsCoreWasSlowerComparesAsEqualOnceTheCoresAreEvenedOut() {
        var report = report(8);
        var cluster = report.runs().get(1);
        // B's worker sat on core 1, which took 1.1 x core 0's CPU for the probe's work meanwhile.
        var onCores = cluster.imageTimings().stream().map(t -> t.node().equals(B) ? new ImageTiming(t.image(), t.worker(), t.node(), t.thread(), 1,
                t.decodeMicros(), t.filterMicros(), t.totalMicros(), t.pixels(), t.allocatedBytes(), t.cpuAtStartNanos(), t.cpuAtEndNanos(),
                t.startedAtMicros()) : t).toList();
        var runs = List.of(report.runs().get(0), RunResult.builder(cluster.setup()).images(20).wallMs(1250).imagesPerSec(16)
                .nodeStats(cluster.nodeStats()).imageTimings(onCores).build());
        var samples = new ArrayList<CoreSpeed.Sample>();
        for (long at = 0; at <= 1_000_000; at += 100_000) {
            samples.add(new CoreSpeed.Sample(0, at, 1_000_000));
            samples.add(new CoreSpeed.Sample(1, at, 1_100_000));
        }
        var trial = new Report(report.host(), report.input(), report.delivery(), report.filters(), report.baseline(), runs, report.failures(),
                report.clusterCost(), report.dispatchers(), report.coreScaling(), samples);

        var bench = ClusterBench.of(List.of(trial)).get(0);
        assertEquals(0.1, bench.nodeCpu().median(), 1e-9, "2.2 ms against 2 ms as measured");
        assertEquals(0, bench.nodeCpuAtEqualCores().median(), 1e-9, "2.1 ms each on a core of average speed");
        var unprobed = ClusterBench.of(List.of(report)).get(0);
        assertTrue(Double.isNaN(unprobed.nodeCpuAtEqualCores().median()), "not measured without the probe's samples");
    }

    @Test
    void theConsoleShowsEachNodeAndWhatTheClusterPaid() {
        var text = ConsoleReport.render(report(10));

        assertTrue(text.contains("per node (us/image)"), text);
        assertTrue(text.contains("127.0.0.1:2551 (coordinator)"), text);
        assertTrue(text.contains("CPU by thread (us/image)"), text);
        assertTrue(text.contains("cluster/fork-join/1wx2n vs single/fork-join/2w: 125000 vs 100000 (+25000)"), text);
        assertTrue(text.contains("remoting +390"), text);
        assertTrue(text.lines().allMatch(line -> line.length() <= 120), "within 120 columns");
    }

    @Test
    void reportJsonHasEachClusterRowsNodesAndItsComparison() throws Exception {
        ReportWriter.write(report(10), tmp);

        var rows = new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).get("clusterRows");
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).get("nodes").size());
        assertEquals("single/fork-join/2w", rows.get(0).at("/againstSingle/single").asText());
        var nodeStats = new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).at("/runs/1/nodeStats/1/jvm");
        assertEquals(4.0, nodeStats.at("/threadCpuMs/remoting").asDouble(), 1e-9);
        assertEquals(2.0, nodeStats.get("jitMs").asDouble(), 1e-9);
    }
}
