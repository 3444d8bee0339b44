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
 * A cluster on 127.0.0.1 with mutual TLS from {@code ./run.sh certs}: its nodes work together, and a
 * node whose certificate comes from another authority is refused while the run goes on.
 */
class ClusterTlsIT {

    @TempDir
    static Path work;

    private static Path inputs;

    @BeforeAll
    static void setUp() throws Exception {
        inputs = work.resolve("inputs");
        SyntheticImages.writeAll(inputs, 12, 320, 240, 9, OutputFormat.JPG, 90);
        for (var folder : new String[] {"cluster-tls", "other-tls"}) {
            try (var certs = PipelineProcess.start("certs", "--out", work.resolve(folder).toString())) {
                assertEquals(0, certs.awaitExit(Duration.ofSeconds(60)), certs.output());
            }
        }
    }

    @Test
    @Timeout(240)
    void nodesWithTheClusterCertificatesWorkTogetherAndAnotherAuthorityIsRefused() throws Exception {
        var report = work.resolve("report");
        // 720 images of 20 ms or more per row: the invocation outlasts the intruder by far.
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "2", "-w", "1", "-i", inputs.toString(), "--repeat", "60",
                "--slow-rate", "1", "--slow-ms", "20", "--warmup-ms", "0", "--tls", work.resolve("cluster-tls").toString(),
                "--report", report.toString())) {
            var hint = coordinator.awaitLine(line -> line.contains("./run.sh node --seed-nodes "), Duration.ofSeconds(60));
            var seed = hint.substring(hint.indexOf("--seed-nodes ") + "--seed-nodes ".length()).trim();
            coordinator.awaitLine(line -> line.startsWith("cluster formed"), Duration.ofSeconds(60));
            try (var intruder = PipelineProcess.start("node", "--seed-nodes", seed, "--tls", work.resolve("other-tls").toString(),
                    "--join-timeout", "10")) {
                assertEquals(1, intruder.awaitExit(Duration.ofSeconds(60)), intruder.output());
                var error = intruder.awaitLine(line -> line.startsWith("error: "), Duration.ofSeconds(5));
                assertEquals("error: could not join the cluster at " + seed + " within 10 s (nobody answered at the seed nodes: "
                        + "the port is open but no TLS session came of it (--tls must name a copy of the cluster's certs folder))", error);
            }

            assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(120)), coordinator.output());
            var run = clusterRun(report);
            assertEquals(720, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertEquals(2, run.get("nodeStats").size(), "only the two nodes of the cluster: " + run.get("nodeStats"));
            run.get("nodeStats").forEach(node -> assertTrue(node.get("images").asInt() > 0, "both nodes worked: " + node));
        }
    }

    private static JsonNode clusterRun(Path report) throws IOException {
        for (var run : new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs")) {
            if (run.get("mode").asText().equals("cluster")) {
                return run;
            }
        }
        throw new AssertionError("no cluster run in " + report);
    }
}
