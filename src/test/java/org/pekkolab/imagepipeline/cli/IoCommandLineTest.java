package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.source.ImageServer;

/** --source, --io-latency and --io-dispatcher end to end, in process, against a local HTTP server. */
class IoCommandLineTest {

    @TempDir
    static Path work;

    private static ImageServer server;
    private static Path inputs;
    private static Path urls;
    /** A short HTTP timeout, so the URL that never answers costs one second per read. */
    private static Path shortTimeout;

    @BeforeAll
    static void setUp() throws IOException {
        server = new ImageServer(3, 48, 32);
        var lines = new ArrayList<String>(List.of("# three images, one missing, one that never answers", ""));
        server.imageUris().forEach(uri -> lines.add(uri.toString()));
        lines.add(server.uri("/missing.png").toString());
        lines.add(server.uri("/slow.png").toString());
        urls = Files.write(work.resolve("urls.txt"), lines);
        shortTimeout = Files.writeString(work.resolve("short-timeout.conf"), "pipeline.http.timeout = 1s\npipeline.io.readers = 3\n");
        inputs = CommandLineTest.generate(work.resolve("inputs"), 6, "32x24", 4);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void urlSourceListsTheMissingAndTheSlowImageAndExitsThree() throws IOException {
        var report = work.resolve("url-report");
        var result = CommandLineTest.execute("--source", urls.toString(), "--config", shortTimeout.toString(), "-w", "2", "--warmup-ms", "0",
                "--io-dispatcher", "virtual", "--report", report.toString());

        assertEquals(3, result.status(), result.err());
        assertTrue(result.out().contains("Input: " + urls + " (5 URLs)"), result.out());
        assertTrue(result.out().contains("Reads: 3 readers " + (IoDispatcher.virtualThreadsAvailable() ? "on virtual threads"
                : "for virtual threads, but those need Java 21+")), result.out());
        if (!IoDispatcher.virtualThreadsAvailable()) {
            assertTrue(result.out().contains("a pool of 3 platform threads"), result.out());
        }
        assertTrue(result.out().contains("downloads time out after 1000 ms"), result.out());
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        var input = json.get("input");
        assertEquals("url-list", input.get("source").asText());
        assertEquals(urls.toString(), input.get("urlList").asText());
        assertTrue(input.get("dir").isNull());
        assertEquals(5, input.get("images").asInt());
        assertEquals("virtual", input.get("ioDispatcher").asText());
        assertEquals(3, input.get("readers").asInt());
        assertEquals(Map.of("missing.png", "HTTP 404", "slow.png", "timed out after 1 s"), failures(json));
        assertEquals(3, json.get("runs").size(), "sequential, executor, single");
        for (JsonNode run : json.get("runs")) {
            assertEquals(5, run.get("images").asInt());
            assertEquals(2, run.get("failed").asInt());
            assertEquals(0, run.get("lost").asInt());
        }
    }

    @Test
    void ioLatencyDelaysEveryReadOfEveryRowAndOneInvocationComparesTheReaderDispatchers() throws IOException {
        var report = work.resolve("latency");
        var result = CommandLineTest.execute("-i", inputs.toString(), "-w", "1", "--warmup-ms", "0", "--io-latency", "50",
                "--io-dispatcher", "cpu,blocking,virtual", "--report", report.toString());

        assertEquals(0, result.status(), result.err());
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("dir", json.at("/input/source").asText());
        assertEquals(50, json.at("/input/ioLatencyMs").asInt());
        assertEquals("cpu,blocking,virtual", json.at("/input/ioDispatcher").asText());
        var runs = json.get("runs");
        // Six images read one after another, 50 ms each: the baseline and the one-thread executor.
        assertTrue(runs.get(0).get("wallMs").asDouble() >= 300, runs.get(0).toString());
        assertTrue(runs.get(1).get("wallMs").asDouble() >= 300, runs.get(1).toString());
        var actorRuns = new ArrayList<String>();
        for (JsonNode run : runs) {
            assertEquals(6, run.get("images").asInt());
            assertEquals(0, run.get("failed").asInt());
            assertEquals(0, run.get("lost").asInt());
            if (run.get("mode").asText().equals("single")) {
                actorRuns.add(run.get("reads").asText() + " " + run.get("label").asText());
            }
        }
        assertEquals(List.of("cpu single/fork-join/1w/cpu-reads", "blocking single/fork-join/1w", "virtual single/fork-join/1w/virtual-reads"),
                actorRuns);
        assertTrue(result.out().contains("readers on the run's CPU dispatcher"), result.out());
    }

    @Test
    void badReadOptionsAreOneLineUsageErrors() throws IOException {
        var ftp = Files.writeString(work.resolve("ftp.txt"), "ftp://127.0.0.1/a.png\n");
        var blank = Files.writeString(work.resolve("blank.txt"), "\n# only a comment\n");
        for (var args : List.of(
                new String[] {"--source", urls.toString(), "-i", inputs.toString()},
                new String[] {"--source", work.resolve("no-such-list.txt").toString()},
                new String[] {"--source", ftp.toString()},
                new String[] {"--source", blank.toString()},
                new String[] {"-i", inputs.toString(), "--io-latency", "-5"},
                new String[] {"-i", inputs.toString(), "--io-dispatcher", "gpu"})) {
            var result = CommandLineTest.execute(args);
            assertEquals(2, result.status(), String.join(" ", args) + " -> " + result.err());
            assertTrue(result.err().startsWith("error: "), result.err());
            assertFalse(result.err().contains("\tat "), result.err());
            assertTrue(result.err().strip().lines().count() <= 2, result.err());
        }
    }

    @Test
    void helpShowsTheReadOptions() {
        var help = CommandLineTest.execute("run", "--help");
        for (var option : List.of("--source", "--io-latency", "--io-dispatcher")) {
            assertTrue(help.out().contains(option), option);
        }
    }

    private static Map<String, String> failures(JsonNode json) {
        var byFile = new TreeMap<String, String>();
        json.get("failures").forEach(failure -> byFile.put(failure.get("file").asText(), failure.get("reason").asText()));
        return byFile;
    }
}
