package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.processing.Bombs;

/** Hostile inputs and configurations: an exit status, one line, no stack trace, in bounded time. */
class BadInputTest {

    @TempDir
    Path work;

    private static void assertOneLineNoTrace(CommandLineTest.Result result) {
        assertFalse(result.err().contains("\tat ") || result.err().contains("Exception in"), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
    }

    private Path photos(int count) {
        return CommandLineTest.generate(work.resolve("photos"), count, "96x64", 4);
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyAndTheFile() throws IOException {
        var config = Files.writeString(work.resolve("typo.conf"), "pipeline.window = \"abc\"\n");

        var result = CommandLineTest.execute("-i", photos(2).toString(), "--config", config.toString(), "--warmup-ms", "0");

        assertEquals(2, result.status());
        assertOneLineNoTrace(result);
        assertTrue(result.err().contains("typo.conf: 1") && result.err().contains("pipeline.window = \"abc\"")
                && result.err().contains("expected a whole number of at least 3"), result.err());
        assertFalse(result.out().contains("sequential"), "no row ran");
    }

    @Test
    void aValueOutOfRangeNamesTheKeyTheFileAndWhatIsExpected() throws IOException {
        var config = Files.writeString(work.resolve("range.conf"), "pipeline {\n  trials = 3\n  push.held-heap-share = 1.5\n}\n");

        var result = CommandLineTest.execute("-i", photos(2).toString(), "--config", config.toString(), "--warmup-ms", "0");

        assertEquals(2, result.status());
        assertOneLineNoTrace(result);
        assertEquals("error: bad configuration: pipeline.push.held-heap-share = 1.5 (" + config + ": 3): expected a number above 0 and at most 0.9",
                result.err().lines().findFirst().orElse(""));
    }

    @Test
    void aWorkerNiceOutsideLinuxsRangeIsAUsageError() {
        var result = CommandLineTest.execute("-i", photos(2).toString(), "--worker-nice", "20", "--warmup-ms", "0");

        assertEquals(2, result.status());
        assertOneLineNoTrace(result);
        assertTrue(result.err().contains("--worker-nice must be between 0 and 19, got 20"), result.err());
    }

    @Test
    void aDispatcherPresetThatCannotBeMadeStopsBeforeTheFirstRow() throws IOException {
        var config = Files.writeString(work.resolve("executor.conf"), "pipeline.dispatchers.fork-join.executor = \"nosuch-executor\"\n");

        var result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CommandLineTest.execute("-i", photos(2).toString(), "--config", config.toString(), "--warmup-ms", "0"));

        assertEquals(2, result.status());
        assertOneLineNoTrace(result);
        assertTrue(result.err().contains("dispatcher preset 'fork-join' (") && result.err().contains("executor.conf"), result.err());
        assertFalse(result.out().contains("sequential"), "no row ran");
    }

    @Test
    void aReportFolderThatCannotBeWrittenIsAUsageErrorBeforeTheRows() throws IOException {
        var file = Files.writeString(work.resolve("a-file"), "in the way\n");

        for (var report : new String[] {"/proc/x", file.toString()}) {
            var result = CommandLineTest.execute("-i", photos(2).toString(), "--report", report, "--warmup-ms", "0");

            assertEquals(2, result.status(), result.err());
            assertOneLineNoTrace(result);
            assertTrue(result.err().contains("cannot write the report into " + report), result.err());
            assertFalse(result.err().contains("sequential baseline"), "no row ran: " + result.err());
        }
    }

    @Test
    void runsStartedInTheSameSecondGetAFolderEach() {
        var now = LocalDateTime.of(2026, 12, 3, 10, 0, 0);

        var first = ReportFolder.fresh(work.resolve("results"), now);
        var second = ReportFolder.fresh(work.resolve("results"), now);

        assertNotEquals(first, second);
        assertEquals("20261203-100000", first.getFileName().toString());
        assertEquals("20261203-100000-2", second.getFileName().toString());
    }

    @Test
    void entriesLeftOutOfTheInputAreNamedOnTheConsoleAndInTheReport() throws IOException {
        var input = photos(2);
        Files.createDirectory(input.resolve("dir.jpg"));
        Files.createSymbolicLink(input.resolve("loop.jpg"), input.resolve("loop.jpg"));
        var report = work.resolve("report");

        var result = CommandLineTest.execute("-i", input.toString(), "-w", "1", "--warmup-ms", "0", "--report", report.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("Note: dir.jpg is left out of the input: a directory."), result.out());
        var leftOut = new ObjectMapper().readTree(report.resolve("report.json").toFile()).path("input").path("leftOut");
        assertEquals(2, leftOut.size(), leftOut.toString());
        assertEquals("dir.jpg", leftOut.get(0).path("name").asText());
        assertEquals("a directory", leftOut.get(0).path("reason").asText());
        assertEquals("loop.jpg", leftOut.get(1).path("name").asText());
    }

    @Test
    void decompressionBombsFailOneByOneAndTheRunEnds() throws IOException {
        var input = photos(2);
        for (int i = 1; i <= 8; i++) {
            Files.write(input.resolve("bomb-" + i + ".jpg"), Bombs.jpeg());
        }

        var result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CommandLineTest.execute("-i", input.toString(), "-w", "4", "--warmup-ms", "0", "--report", work.resolve("report").toString()));

        assertEquals(3, result.status(), result.err());
        assertFalse(result.err().contains("\tat ") || result.err().contains("OutOfMemoryError"), result.err());
        assertTrue(result.out().contains("bomb-1.jpg: truncated image data: "), result.out());
    }
}
