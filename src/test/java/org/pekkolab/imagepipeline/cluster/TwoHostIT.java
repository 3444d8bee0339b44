package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/**
 * Two hosts, played by two Linux network namespaces joined by a veth pair, with addresses from
 * 192.0.2.0/24 (documentation addresses, routed nowhere) that exist only inside them: the
 * coordinator on 192.0.2.1, a node on 192.0.2.2, with mutual TLS from {@code ./run.sh certs}. The
 * namespaces are made for these tests and always deleted; without the rights to make them (not
 * root, no {@code ip}) the tests are skipped and say why.
 */
class TwoHostIT {

    private static final String COORDINATOR_HOST = "192.0.2.1";
    private static final String NODE_HOST = "192.0.2.2";
    private static final String PREFIX = "pipe" + ProcessHandle.current().pid();
    private static final String HOST_A = PREFIX + "a";
    private static final String HOST_B = PREFIX + "b";

    @TempDir
    static Path work;

    private static Path inputs;
    private static boolean namespaces;
    private static int nextPort = 25520;

    @BeforeAll
    static void setUp() throws Exception {
        namespaces = makeHosts();
        if (!namespaces) {
            return;
        }
        inputs = work.resolve("inputs");
        SyntheticImages.writeAll(inputs, 12, 320, 240, 11, OutputFormat.JPG, 90);
        for (var folder : List.of("cluster-tls", "other-tls")) {
            try (var certs = PipelineProcess.start("certs", "--out", work.resolve(folder).toString())) {
                assertEquals(0, certs.awaitExit(Duration.ofSeconds(60)), certs.output());
            }
        }
    }

    @AfterAll
    static void removeHosts() throws Exception {
        ip("netns", "delete", HOST_A);
        ip("netns", "delete", HOST_B);
    }

    /** The two namespaces, their veth pair and addresses; false where they cannot be made. */
    private static boolean makeHosts() throws Exception {
        if (!ip("netns", "add", HOST_A)) {
            return false;
        }
        return ip("netns", "add", HOST_B)
                && ip("link", "add", PREFIX + "x", "type", "veth", "peer", "name", PREFIX + "y")
                && ip("link", "set", PREFIX + "x", "netns", HOST_A)
                && ip("link", "set", PREFIX + "y", "netns", HOST_B)
                && ip("-n", HOST_A, "addr", "add", COORDINATOR_HOST + "/24", "dev", PREFIX + "x")
                && ip("-n", HOST_B, "addr", "add", NODE_HOST + "/24", "dev", PREFIX + "y")
                && ip("-n", HOST_A, "link", "set", PREFIX + "x", "up")
                && ip("-n", HOST_B, "link", "set", PREFIX + "y", "up")
                && ip("-n", HOST_A, "link", "set", "lo", "up")
                && ip("-n", HOST_B, "link", "set", "lo", "up");
    }

    /** Runs {@code ip} with these arguments; true if it succeeded. */
    private static boolean ip(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static void requireHosts() {
        Assumptions.assumeTrue(namespaces, "skipped: cannot make network namespaces here (needs root and iproute2's ip): "
                + "the two-host tests stand the second host in a namespace of its own");
    }

    /** A coordinator on host A that waits for one node, with --tls, on a port of its own per test. */
    private static PipelineProcess coordinator(Path report, String... rowOptions) throws IOException {
        var args = new ArrayList<>(List.of("cluster", "--nodes", "2", "--spawn", "0", "--host", COORDINATOR_HOST,
                "--port", String.valueOf(nextPort), "--tls", work.resolve("cluster-tls").toString(), "-i", inputs.toString(), "-w", "1",
                "--warmup-ms", "0", "--join-timeout", "90", "--report", report.toString()));
        args.addAll(List.of(rowOptions));
        return PipelineProcess.startInNamespace(HOST_A, args.toArray(String[]::new));
    }

    private static PipelineProcess node(String tlsFolder, int port, String... extra) throws IOException {
        var args = new ArrayList<>(List.of("node", "--seed-nodes", COORDINATOR_HOST + ":" + nextPort, "--host", NODE_HOST,
                "--port", String.valueOf(port), "--tls", work.resolve(tlsFolder).toString()));
        args.addAll(List.of(extra));
        return PipelineProcess.startInNamespace(HOST_B, args.toArray(String[]::new));
    }

    private static JsonNode clusterRun(Path report) throws IOException {
        for (var run : new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs")) {
            if (run.get("mode").asText().equals("cluster")) {
                return run;
            }
        }
        throw new AssertionError("no cluster run in " + report);
    }

    @Test
    @Timeout(240)
    void aNodeOnAnotherHostWorksWithTheCoordinatorAndAnotherAuthorityIsRefused() throws Exception {
        requireHosts();
        nextPort++;
        var report = work.resolve("report-two-hosts");
        try (var coordinator = coordinator(report, "--repeat", "10")) {
            coordinator.awaitLine(line -> line.contains("./run.sh node --seed-nodes "), Duration.ofSeconds(60));
            try (var intruder = node("other-tls", 25530, "--join-timeout", "10")) {
                assertEquals(1, intruder.awaitExit(Duration.ofSeconds(60)), intruder.output());
                var error = intruder.awaitLine(line -> line.startsWith("error: "), Duration.ofSeconds(5));
                assertTrue(error.contains("no TLS session came of it"), error);
            }
            try (var node = node("cluster-tls", 25531)) {
                assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(180)), coordinator.output());
                assertEquals(0, node.awaitExit(Duration.ofSeconds(30)), node.output());
            }
            var run = clusterRun(report);
            assertEquals(0, run.get("lost").asInt());
            assertEquals(2, run.get("nodeStats").size(), "the coordinator and the node, not the intruder: " + run.get("nodeStats"));
            for (var stats : run.get("nodeStats")) {
                assertTrue(stats.get("images").asInt() > 0, "both hosts worked: " + stats);
            }
            assertTrue(run.get("nodeStats").toString().contains(NODE_HOST), run.get("nodeStats").toString());
        }
    }

    /**
     * The node's link goes down mid-run: the Split Brain Resolver on the coordinator's side downs it,
     * its images are done by the coordinator, and the cut-off node, downed on its own side too,
     * exits with one line instead of waiting for ever.
     */
    @Test
    @Timeout(300)
    void aNodeCutOffMidRunIsDownedItsImagesAreDoneAndItExits() throws Exception {
        requireHosts();
        nextPort++;
        var report = work.resolve("report-partition");
        // 720 images of 20 ms or more: the cluster row lasts about 8 s on two nodes, longer on one.
        try (var coordinator = coordinator(report, "--repeat", "60", "--slow-rate", "1", "--slow-ms", "20");
                var node = node("cluster-tls", 25532)) {
            coordinator.awaitLine(line -> line.startsWith("cluster/") && line.endsWith("..."), Duration.ofSeconds(200));
            Thread.sleep(2_000);
            assertTrue(ip("-n", HOST_B, "link", "set", PREFIX + "y", "down"), "the node's link taken down");

            assertEquals(1, node.awaitExit(Duration.ofSeconds(90)), node.output());
            var error = node.awaitLine(line -> line.startsWith("error: "), Duration.ofSeconds(5));
            assertTrue(error.startsWith("error: this node was removed from the cluster"), error);
            assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(120)), coordinator.output());
            var run = clusterRun(report);
            assertEquals(720, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertTrue(run.get("nodeStats").toString().contains("\"status\":\"down\""), run.get("nodeStats").toString());
        } finally {
            ip("-n", HOST_B, "link", "set", PREFIX + "y", "up");
        }
    }
}
