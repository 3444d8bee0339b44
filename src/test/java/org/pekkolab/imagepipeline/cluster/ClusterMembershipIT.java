package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/**
 * Nodes that join and leave a cluster while a timed run is under way. Every image of these runs is
 * made 40 ms slower (injected), so that a cluster row lasts several seconds; no warm-up, whose runs
 * would be slowed alike.
 */
class ClusterMembershipIT {

    @TempDir
    static Path work;

    private static Path inputs;

    @BeforeAll
    static void writeInputs() throws IOException {
        inputs = work.resolve("inputs");
        SyntheticImages.writeAll(inputs, 12, 320, 240, 5, OutputFormat.JPG, 90);
    }

    /** The cluster row of a report: the run whose mode is cluster. */
    private static JsonNode clusterRun(Path report) throws IOException {
        for (JsonNode run : new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs")) {
            if (run.get("mode").asText().equals("cluster")) {
                return run;
            }
        }
        throw new AssertionError("no cluster run in " + report);
    }

    @Test
    @Timeout(180)
    void aNodeThatJoinsDuringARunGetsImagesAndIsStoppedAtTheEnd() throws Exception {
        var report = work.resolve("report-join");
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "1", "-w", "1", "-i", inputs.toString(), "--repeat", "30",
                "--slow-rate", "1", "--slow-ms", "40", "--warmup-ms", "0", "--report", report.toString())) {
            var hint = coordinator.awaitLine(line -> line.contains("./run.sh node --seed-nodes "), Duration.ofSeconds(60));
            var seed = hint.substring(hint.indexOf("--seed-nodes ") + "--seed-nodes ".length()).trim();
            coordinator.awaitLine(line -> line.startsWith("cluster/") && line.endsWith("..."), Duration.ofSeconds(120));
            try (var joiner = PipelineProcess.start("node", "--seed-nodes", seed)) {
                assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(120)), coordinator.output());

                var run = clusterRun(report);
                assertEquals(360, run.get("images").asInt());
                assertEquals(0, run.get("lost").asInt());
                assertEquals(2, run.get("nodeStats").size(), "the node that joined is in the report: " + run.get("nodeStats"));
                var joined = run.get("nodeStats").get(1);
                assertEquals(joiner.pid(), joined.get("pid").asLong());
                assertTrue(joined.get("joinedAtMs").asDouble() > 0, "when it joined: " + joined);
                assertTrue(joined.get("images").asInt() > 0, "it got images: " + joined);
                assertTrue(run.get("nodeStats").get(0).get("joinedAtMs").isNull(), "the coordinator was there from the start");

                assertEquals(0, joiner.awaitExit(Duration.ofSeconds(30)), joiner.output());
                assertTrue(joiner.output().contains("the coordinator ended the invocation"), joiner.output());
            }
        }
    }

    @Test
    @Timeout(180)
    void aNodeStoppedWithSigtermHandsItsImagesBackWithoutWaitingForDowning() throws Exception {
        var report = work.resolve("report-leave");
        // 540 images of 30 ms or more: the cluster row runs for 5 s or more once its workers are listed (about a second).
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "3", "-w", "1", "-i", inputs.toString(), "--repeat", "45",
                "--slow-rate", "1", "--slow-ms", "30", "--warmup-ms", "0", "--report", report.toString())) {
            coordinator.awaitLine(line -> line.startsWith("cluster/") && line.endsWith("..."), Duration.ofSeconds(150));
            Thread.sleep(3_000);
            var leaver = coordinator.children().get(0);
            assertTrue(leaver.destroy(), "SIGTERM to a worker node");
            assertTrue(PipelineProcess.awaitGone(leaver, Duration.ofSeconds(15)), "the node stopped");

            assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(120)), coordinator.output());
            var run = clusterRun(report);
            assertEquals(540, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertEquals(0, run.get("failed").asInt());
            JsonNode left = null;
            for (JsonNode node : run.get("nodeStats")) {
                if (node.get("pid").asLong() == leaver.pid()) {
                    left = node;
                }
            }
            assertTrue(left != null, "the node that left is in the report: " + run.get("nodeStats"));
            // "left", not "down": it told the supervisor itself, which sent its images on at once.
            assertEquals("left", left.get("status").asText(), left.toString());
            assertTrue(left.get("goneAtMs").asDouble() > 0, "it left while the run was timed: " + left);
            assertTrue(run.get("redelivered").asInt() >= 1, "the images it held went to the other nodes: " + run);
        }
    }
}
