package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.cli.CommandLineTest.Result;
import org.pekkolab.imagepipeline.processing.ThreadNice;

/**
 * Image work lowers the thread it runs on (pipeline.worker-nice), and Linux starts a new thread at
 * its creator's priority: the sequential loop and the warm-up's allocation check get threads of
 * their own, so that the thread that runs the sweep, and every thread it starts later, keep the
 * JVM's priority.
 */
class SequentialLoopThreadTest {

    /** More than the shipped 5, so that an earlier test's lowered thread cannot pass for this one's. */
    private static final int STEPS = 8;

    @TempDir
    Path work;

    private record SweepOnItsThread(int niceBefore, int niceAfter, Result result) {}

    @Test
    void theSweepsThreadKeepsItsPriorityAndTheLoopCountsAsAWorker() throws Exception {
        assumeTrue(ThreadNice.readable(), "needs Linux's /proc/thread-self");
        var inputs = CommandLineTest.generate(work.resolve("inputs"), 3, "48x32", 5);
        var report = work.resolve("report");
        // One warm-up round, however unsettled the JIT: the round and the allocation check after it are what matter here.
        var oneRound = Files.writeString(work.resolve("one-round.conf"), "pipeline.warmup-max = 1ms\n");

        // On a thread of its own: were the sweep to lower it, it could not be raised again.
        var sweep = ThreadNice.onNewThread(Duration.ofSeconds(120), () -> {
            int before = ThreadNice.ofThisThread();
            var result = CommandLineTest.execute("-i", inputs.toString(), "-w", "1", "--warmup-ms", "1",
                    "--worker-nice", String.valueOf(STEPS), "--config", oneRound.toString(), "--report", report.toString());
            return new SweepOnItsThread(before, ThreadNice.ofThisThread(), result);
        });

        assertEquals(0, sweep.result().status(), sweep.result().err());
        assertEquals(sweep.niceBefore(), sweep.niceAfter(), "the thread that ran the sweep (a warm-up round, the sequential row) was lowered");
        assertTrue(sweep.result().out().contains("Worker threads: nice "), sweep.result().out());
        var sequential = new ObjectMapper().readTree(report.resolve("report.json").toFile()).at("/runs/0");
        assertEquals("sequential", sequential.get("mode").asText(), "the first row is the baseline");
        double workersMs = sequential.at("/nodeStats/0/jvm/threadCpuMs/workers").asDouble(-1);
        assertTrue(workersMs > 0, "the loop's CPU is not counted as a worker's: " + sequential.at("/nodeStats/0/jvm"));
    }
}
