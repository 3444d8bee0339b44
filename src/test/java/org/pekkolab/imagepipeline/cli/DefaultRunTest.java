package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the main job does by default, with its two knobs given explicitly (the test JVM sets them off
 * for the other command-line tests): rows sized by time, figures from several trials, the result in
 * words first.
 */
class DefaultRunTest {

    private static final int INPUTS = 4;
    private static final long MIN_ROW_MS = 400;

    @TempDir
    static Path work;

    @Test
    void rowsRunLongEnoughAndTheSummaryComesFirst() throws IOException {
        var inputs = CommandLineTest.generate(work.resolve("inputs"), INPUTS, "96x64", 5);
        var report = work.resolve("report");

        // Rows are sized from passes timed after the warm-up: a JIT compiling during them would make them short.
        var config = Files.writeString(work.resolve("short-warmup.conf"), "pipeline.warmup-max = 3s\n");
        var result = CommandLineTest.execute("-i", inputs.toString(), "-w", "1,2", "--warmup-ms", "1000", "--config", config.toString(),
                "--min-row-time", String.valueOf(MIN_ROW_MS), "--trials", "2", "--report", report.toString());

        assertEquals(0, result.status(), result.err());
        var out = result.out();
        assertTrue(out.indexOf("Summary (medians of 2 trials") < out.indexOf("\nrun "), "the summary before the tables: " + out);
        assertTrue(out.contains("  Best: "), out);
        assertTrue(out.contains("  Not higher because: "), out);
        assertTrue(out.contains("Over 2 trials: median (min-max)"), out);
        var json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(MIN_ROW_MS, json.at("/input/minRowMs").asLong());
        for (var run : json.get("runs")) {
            var label = run.get("label").asText();
            int images = run.get("images").asInt();
            assertTrue(images > INPUTS && images % INPUTS == 0, label + ": the input fed again, whole, " + images + " images");
            // Sized from a pass timed before the rows: close to the minimum, and never a fraction of it.
            assertTrue(run.get("wallMs").asDouble() >= MIN_ROW_MS / 2.0, label + " ran " + run.get("wallMs") + " ms");
        }
    }

    @Test
    void anExplicitRepeatSaysHowLongTheRowsAre() throws IOException {
        var inputs = CommandLineTest.generate(work.resolve("repeat-inputs"), INPUTS, "96x64", 6);
        var report = work.resolve("repeat-report");

        var result = CommandLineTest.execute("-i", inputs.toString(), "-w", "2", "--warmup-ms", "0", "--min-row-time", "5000", "--repeat", "2",
                "--trials", "1", "--report", report.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("Input: ") && result.out().contains("Summary (one trial):"), result.out());
        var json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(0, json.at("/input/minRowMs").asLong());
        if (Files.isReadable(Path.of("/proc/thread-self/stat"))) {
            // As shipped (pipeline.worker-nice = 5), on Linux.
            assertTrue(json.at("/host/workerThreads").asText().matches("nice \\d+, the JVM's other threads -?\\d+"), json.at("/host").toString());
            assertTrue(result.out().contains("\nWorker threads: nice "), result.out());
            // Measured from /proc/self/smaps_rollup: on Linux never "not measured".
            assertTrue(json.at("/host/memoryPages").asText().matches("2 MB for \\d+ MB of this JVM's memory, 4 KB for the rest|4 KB only .*"),
                    json.at("/host").toString());
        }
        json.get("runs").forEach(run -> assertEquals(INPUTS * 2, run.get("images").asInt(), run.get("label").asText()));
    }

    @Test
    void trialsOutOfRangeAreAUsageError() {
        var result = CommandLineTest.execute("--trials", "0", "-i", work.toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains("--trials must be between 1 and 100, got 0"), result.err());
    }
}
