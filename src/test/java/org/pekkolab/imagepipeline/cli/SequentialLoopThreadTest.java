package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.cli.CommandLineTest.Result;

/**
 * Image work lowers the thread it runs on (pipeline.worker-nice), and Linux starts a new thread at
 * its creator's priority: the sequential loop and the warm-up's allocation check get threads of
 * their own, so that the thread that runs the sweep, and every thread it starts later, keep the
 * JVM's priority.
 */
class SequentialLoopThreadTest {

    private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");
    /** More than the shipped 5, so that an earlier test's lowered thread cannot pass for this one's. */
    private static final int STEPS = 8;

    @TempDir
    Path work;

    @Test
    void theSweepsThreadKeepsItsPriorityAndTheLoopsWorkCountsAsAWorkersWork() throws Exception {
        assumeTrue(Files.isReadable(THREAD_STAT), "needs Linux's /proc/thread-self");
        var inputs = CommandLineTest.generate(work.resolve("inputs"), 3, "48x32", 5);
        var report = work.resolve("report");
        // One warm-up round, however unsettled the JIT: the round and the allocation check after it are what matter here.
        var oneRound = Files.writeString(work.resolve("one-round.conf"), "pipeline.warmup-max = 1ms\n");

        // On a thread of its own: were the sweep to lower it, it could not be raised again.
        var pool = Executors.newSingleThreadExecutor();
        int[] nices;
        Result result;
        try {
            var outcome = CompletableFuture.supplyAsync(() -> {
                int before = nice();
                var run = CommandLineTest.execute("-i", inputs.toString(), "-w", "1", "--warmup-ms", "1",
                        "--worker-nice", String.valueOf(STEPS), "--config", oneRound.toString(), "--report", report.toString());
                return new Object[] {new int[] {before, nice()}, run};
            }, pool).get(120, TimeUnit.SECONDS);
            nices = (int[]) outcome[0];
            result = (Result) outcome[1];
        } finally {
            pool.shutdownNow();
        }

        assertEquals(0, result.status(), result.err());
        assertEquals(nices[0], nices[1], "the thread that ran the sweep (a warm-up round, the sequential row) was lowered");
        assertTrue(result.out().contains("Worker threads: nice "), result.out());
        JsonNode sequential = null;
        for (JsonNode row : new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs")) {
            if (row.get("mode").asText().equals("sequential")) {
                sequential = row;
            }
        }
        assertTrue(sequential != null, "no sequential row");
        double workersMs = sequential.at("/nodeStats/0/jvm/threadCpuMs/workers").asDouble(-1);
        assertTrue(workersMs > 0, "the loop's CPU is not counted as a worker's: " + sequential.at("/nodeStats/0/jvm"));
    }

    /** Field 19 of this thread's stat file; the fields start after the command name's last ')'. */
    private static int nice() {
        try {
            var text = new String(Files.readAllBytes(THREAD_STAT), StandardCharsets.US_ASCII);
            return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[19 - 3]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
