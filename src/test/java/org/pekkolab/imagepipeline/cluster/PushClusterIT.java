package org.pekkolab.imagepipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/** Push mode across JVMs: images (a large one among them) pushed to another node's bounded mailboxes, overflow sent back. */
class PushClusterIT {

    @TempDir
    static Path work;

    @Test
    @Timeout(240)
    void pushToBoundedMailboxesOnTwoJvmsLosesNothing() throws Exception {
        var input = work.resolve("input");
        SyntheticImages.writeAll(input, 12, 320, 240, 5, OutputFormat.JPG, 90);
        assertTrue(Files.size(PipelineProcess.writeLargeNoisePng(input, 5)) > 3 * 1024 * 1024);

        var report = work.resolve("report");
        // The default control setting, auto, gives a push supervisor a thread of its own: on the workers' dispatcher it
        // would send only between two of their images.
        try (var coordinator = PipelineProcess.start("cluster", "--nodes", "2", "-w", "1", "-i", input.toString(), "--repeat", "8",
                "--mode", "push", "--mailbox-capacity", "2", "--warmup-ms", "300", "--report", report.toString())) {
            assertEquals(0, coordinator.awaitExit(Duration.ofSeconds(200)), coordinator.output());
            assertTrue(coordinator.output().contains("backpressure (peaks)"), coordinator.output());

            JsonNode run = null;
            for (JsonNode candidate : new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs")) {
                if (candidate.get("label").asText().equals("cluster/fork-join/1wx2n/push")) {
                    run = candidate;
                }
            }
            assertTrue(run != null, "no cluster push run in the report");
            assertEquals(104, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertEquals(0, run.get("failed").asInt());
            assertTrue(run.get("overflowed").asInt() > 0, "nothing overflowed: " + run);
            assertTrue(run.get("peakMailbox").asInt() <= 2, "peak mailbox above its capacity: " + run);
            var pids = new HashSet<Long>();
            int images = 0;
            for (JsonNode node : run.get("nodeStats")) {
                pids.add(node.get("pid").asLong());
                images += node.get("images").asInt();
            }
            assertEquals(2, pids.size(), "two JVMs: " + run.get("nodeStats"));
            assertEquals(104, images, "every image processed once, on one node or the other");
        }
    }
}
