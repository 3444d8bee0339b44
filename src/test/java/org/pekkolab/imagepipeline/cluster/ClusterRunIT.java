package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/** Real clusters of JVMs started from the packaged jar, on 127.0.0.1 with free ports. */
class ClusterRunIT {

    @TempDir
    static Path work;

    private static Path smallSet;
    private static Path slowSet;

    @BeforeAll
    static void writeInputs() throws IOException {
        smallSet = work.resolve("small");
        SyntheticImages.writeAll(smallSet, 12, 320, 240, 5, OutputFormat.JPG, 90);
        assertTrue(Files.size(PipelineProcess.writeLargeNoisePng(smallSet, 11)) > 3 * 1024 * 1024);

        slowSet = work.resolve("slow");
        SyntheticImages.writeAll(slowSet, 20, 1600, 1200, 9, OutputFormat.JPG, 90);
    }

    private static JsonNode clusterRun(Path report, String label) throws IOException {
        var json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        for (JsonNode run : json.get("runs")) {
            if (run.get("label").asText().equals(label)) {
                return run;
            }
        }
        throw new AssertionError("no run " + label + " in " + json.get("runs"));
    }

    @Test
    @Timeout(240)
    void threeJvmsShareTheWorkAndALargeImageCrosses() throws Exception {
        var report = work.resolve("report-3");
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "3", "-w", "1", "-i", smallSet.toString(),
                "--warmup-ms", "300", "--report", report.toString())) {
            assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(200)), coordinator.output());

            var cost = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("clusterCost");
            assertTrue(cost.get("bytesPerImage").asDouble() > 1000, "cluster cost: " + cost);
            assertTrue(cost.get("roundTripUsPerImage").asDouble() > 0, "cluster cost: " + cost);
            assertEquals("ImageMessageSerializer", cost.get("serializer").asText());
            assertTrue(coordinator.output().contains("What the cluster pays per image"), coordinator.output());

            var run = clusterRun(report, "cluster/fork-join/1wx3n");
            assertEquals("cluster", run.get("mode").asText());
            assertEquals(3, run.get("nodes").asInt());
            assertEquals(13, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertEquals(0, run.get("failed").asInt());
            var pids = new HashSet<Long>();
            int images = 0;
            for (JsonNode node : run.get("nodeStats")) {
                pids.add(node.get("pid").asLong());
                images += node.get("images").asInt();
                assertEquals("up", node.get("status").asText());
            }
            assertEquals(3, pids.size(), "three distinct JVMs: " + run.get("nodeStats"));
            assertEquals(13, images, "the nodes' image counts add up");
            for (JsonNode node : run.get("nodeStats")) {
                assertTrue(node.at("/jvm/threadCpuMs/workers").isNumber(), "every node says where its CPU went: " + node);
            }
            var rows = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("clusterRows");
            assertEquals(3, rows.get(0).get("nodes").size(), "each node's time in the cluster row: " + rows);
            for (long pid : pids) {
                var handle = ProcessHandle.of(pid);
                assertTrue(handle.isEmpty() || PipelineProcess.awaitGone(handle.get(), Duration.ofSeconds(5)), "node JVM " + pid + " still running");
            }
        }
    }

    /**
     * Pull: the producer controller re-sends what the dead node's workers had not confirmed. Push:
     * nobody knows which images were in the dead node's mailboxes, so the supervisor sends every
     * image still out again, and copies finished twice count once. Stream: the images sent into the
     * dead node's stream and not accounted for go into the other nodes' streams.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pull", "push", "stream"})
    @Timeout(300)
    void killedWorkerNodeLosesNothing(String mode) throws Exception {
        var report = work.resolve("report-kill-" + mode);
        var label = "cluster/fork-join/1wx3n" + (mode.equals("pull") ? "" : "/" + mode);
        // 300 large images: the cluster run lasts several seconds, so the kill lands inside it.
        // Pull is followed by a push row, which must run on, and be labelled with, the two nodes still up.
        var modes = mode.equals("pull") ? "pull,push" : mode;
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "3", "-w", "1", "-i", slowSet.toString(), "--repeat", "15",
                "--mode", modes, "--warmup-ms", "500", "--report", report.toString())) {
            coordinator.awaitLine(line -> line.startsWith(label + " ") && line.endsWith("..."), Duration.ofSeconds(200));
            Thread.sleep(1_000);
            var victim = coordinator.children().get(0);
            assertTrue(victim.destroyForcibly(), "kill -9 of a worker node");

            assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(240)), coordinator.output());
            var run = clusterRun(report, label);
            assertEquals(300, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertEquals(0, run.get("failed").asInt());
            // The images in the dead node's windows went to the other nodes: it held some when it was killed.
            assertTrue(run.get("redelivered").asInt() >= 1, "redelivered: " + run);
            long down = 0;
            int images = 0;
            for (JsonNode node : run.get("nodeStats")) {
                images += node.get("images").asInt();
                if (node.get("status").asText().equals("down")) {
                    down++;
                    assertEquals(victim.pid(), node.get("pid").asLong());
                }
            }
            assertEquals(1, down, "the dead node is in the report: " + run.get("nodeStats"));
            assertTrue(images >= 300, "every image was processed by some node");
            assertTrue(coordinator.output().lines().anyMatch(line -> line.contains("pid " + victim.pid()) && line.contains("DOWN at ")),
                    "the console marks the dead node: " + coordinator.output());
            if (mode.equals("pull")) {
                var delivery = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("delivery");
                assertEquals(List.of(4, 16, 4), List.of(delivery.get("window").asInt(), delivery.get("clusterWindow").asInt(),
                        delivery.get("clusterBatch").asInt()), delivery.toString());
                assertTrue(coordinator.output().contains("Images held: pull, up to 4 per worker beside the supervisor, 16 on other nodes in messages of 4;"),
                        coordinator.output());
                var next = clusterRun(report, "cluster/fork-join/1wx2n/push");
                assertEquals(2, next.get("nodes").asInt(), next.toString());
                assertEquals(2, next.get("nodeStats").size(), "only the nodes still up: " + next.get("nodeStats"));
                assertEquals(0, next.get("lost").asInt());
                assertTrue(coordinator.output().contains("cluster/fork-join/1wx2n/push "), "its progress line counts 2 nodes");
            }
        }
    }

    @Test
    @Timeout(120)
    void nodesDoNotOutliveTheCoordinator() throws Exception {
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "2", "-w", "1", "-i", slowSet.toString(), "--repeat", "50",
                "--warmup-ms", "500", "--report", work.resolve("report-orphans").toString())) {
            coordinator.awaitLine(line -> line.startsWith("cluster formed"), Duration.ofSeconds(90));
            var children = coordinator.children();
            assertFalse(children.isEmpty());
            ProcessHandle.of(coordinator.pid()).ifPresent(ProcessHandle::destroyForcibly);
            for (var child : children) {
                assertTrue(PipelineProcess.awaitGone(child, Duration.ofSeconds(30)), "node " + child.pid() + " outlived the coordinator");
            }
        }
    }
}
