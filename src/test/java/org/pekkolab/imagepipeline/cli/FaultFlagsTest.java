package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault and supervision flags end to end: exit status, failure list, counters in the report. */
class FaultFlagsTest {

    @TempDir
    static Path work;

    private static Path inputs;

    @BeforeAll
    static void generateInputs() {
        inputs = CommandLineTest.generate(work.resolve("inputs"), 6, "48x32", 5);
    }

    private static JsonNode actorRun(Path report) throws IOException {
        var runs = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs");
        var actor = runs.get(runs.size() - 1);
        assertEquals("single", actor.get("mode").asText());
        return actor;
    }

    @Test
    void imagesThatAlwaysFailAreListedAndExitThree() throws IOException {
        var report = work.resolve("always-fails");
        var result = CommandLineTest.execute("-i", inputs.toString(), "-w", "2", "--warmup-ms", "0", "--report", report.toString(),
                "--fail-rate", "1", "--max-retries", "1", "--supervision", "stop");

        assertEquals(3, result.status(), result.err());
        assertTrue(result.out().contains("Failures (6):"), result.out());
        assertTrue(result.out().contains("(gave up after 2 attempts)"), result.out());
        var run = actorRun(report);
        assertEquals(6, run.get("failed").asInt());
        assertEquals(0, run.get("lost").asInt());
        assertEquals(6, run.get("retried").asInt());
        assertEquals(12, run.get("restarts").asInt());
    }

    @Test
    void faultsAndSlowAttemptsKeepTheCountersConsistent() throws IOException {
        var report = work.resolve("some-fail");
        var result = CommandLineTest.execute("-i", inputs.toString(), "-w", "2", "--warmup-ms", "0", "--report", report.toString(),
                "--repeat", "5", "--fail-rate", "0.3", "--slow-rate", "0.2", "--slow-ms", "5", "--supervision", "backoff", "--fail-seed", "3");

        var run = actorRun(report);
        assertEquals(run.get("failed").asInt() == 0 ? 0 : 3, result.status(), result.err());
        assertEquals(0, run.get("lost").asInt());
        assertTrue(run.get("restarts").asInt() > 0, run.toString());
        assertEquals(run.get("retried").asInt() + run.get("failed").asInt(), run.get("restarts").asInt(), run.toString());
        assertTrue(result.out().contains("restarts"), "the console shows the fault columns: " + result.out());
    }

    @Test
    void badFaultAndSupervisionValuesAreOneLineUsageErrors() {
        for (var args : List.of(
                new String[] {"--fail-rate", "2"},
                new String[] {"--fail-rate", "-0.1"},
                new String[] {"--slow-rate", "1.5"},
                new String[] {"--slow-ms", "-1"},
                new String[] {"--max-retries", "-1"},
                new String[] {"--supervision", "nonsense"})) {
            var result = CommandLineTest.execute(concat(args, "-i", inputs.toString(), "--warmup-ms", "0"));
            var command = String.join(" ", args);
            assertEquals(2, result.status(), command + " -> " + result.err());
            assertTrue(result.err().startsWith("error: "), result.err());
            assertTrue(result.err().contains(args[0]), "names the option: " + result.err());
            assertFalse(result.err().contains("\tat "), "stack trace for " + command + ": " + result.err());
            assertEquals(1, result.err().strip().lines().filter(line -> line.startsWith("error: ")).count(), result.err());
        }
    }

    private static String[] concat(String[] first, String... rest) {
        var all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
