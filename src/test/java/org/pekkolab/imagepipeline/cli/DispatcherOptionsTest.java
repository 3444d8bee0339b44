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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.cli.CommandLineTest.Result;

/**
 * --dispatcher, --throughput, --control and --config presets from the command line, with what the report says each
 * dispatcher ran on.
 */
class DispatcherOptionsTest {

    /** The example users are pointed to: it must keep working. */
    private static final Path EXAMPLE_PRESET = Path.of("conf", "examples", "my-dispatcher.conf");

    @TempDir
    static Path work;

    private static Path inputs;

    @BeforeAll
    static void generateInputs() {
        inputs = CommandLineTest.generate(work.resolve("inputs"), 3, "48x32", 5);
    }

    private static Result run(String report, String... options) {
        var args = new ArrayList<>(List.of("-i", inputs.toString(), "-w", "2", "--warmup-ms", "0", "--report", work.resolve(report).toString()));
        args.addAll(List.of(options));
        return CommandLineTest.execute(args.toArray(String[]::new));
    }

    private static JsonNode report(String report) throws IOException {
        return new ObjectMapper().readTree(work.resolve(report).resolve("report.json").toFile());
    }

    @Test
    void severalPresetsRunOnTheSameInputAndTheReportSaysWhatEachRanOn() throws IOException {
        var result = run("several", "-d", "thread-pool,pinned", "--threads", "1", "--throughput", "3");

        assertEquals(0, result.status(), result.err());
        var json = report("several");
        var dispatchers = new ArrayList<String>();
        for (JsonNode row : json.get("runs")) {
            if (row.get("mode").asText().equals("single")) {
                dispatchers.add(row.get("dispatcher").asText());
                assertEquals(3, row.get("images").asInt());
            }
        }
        assertEquals(List.of("thread-pool", "pinned"), dispatchers);
        var threadPool = json.at("/dispatchers/thread-pool");
        assertEquals("thread-pool-executor", threadPool.get("runsOn").asText());
        assertEquals(1, threadPool.at("/threads/2").asInt(), "--threads 1 for the run of 2 workers");
        assertEquals(3, threadPool.get("throughput").asInt(), "--throughput 3");
        var pinned = json.at("/dispatchers/pinned");
        assertEquals("PinnedDispatcher", pinned.get("type").asText());
        assertEquals(2, pinned.at("/threads/2").asInt(), "one thread per worker");
        assertTrue(pinned.get("throughput").isNull(), pinned.toString());
        assertTrue(result.out().contains("thread-pool: thread-pool-executor, 1 thread, throughput 3"), result.out());
    }

    @Test
    void aPresetOfTheUsersOwnIsSelectableWithConfig() throws IOException {
        assertTrue(Files.isRegularFile(EXAMPLE_PRESET), EXAMPLE_PRESET.toAbsolutePath().toString());
        var result = run("own", "--config", EXAMPLE_PRESET.toString(), "-d", "my-pool");

        assertEquals(0, result.status(), result.err());
        var json = report("own");
        var single = json.get("runs").get(2);
        assertEquals("my-pool", single.get("dispatcher").asText());
        assertEquals(3, single.get("images").asInt());
        assertEquals(0, single.get("lost").asInt());
        assertEquals("thread-pool-executor", json.at("/dispatchers/my-pool/runsOn").asText());
        assertEquals(4, json.at("/dispatchers/my-pool/throughput").asInt(), "the preset's own throughput");
    }

    @Test
    void badDispatcherChoicesAreOneLineUsageErrors() throws IOException {
        var ownPreset = work.resolve("broken.conf");
        Files.writeString(ownPreset, "pipeline.dispatcher-throughput = -1\n");
        for (var options : List.of(
                new String[] {"-d", "fork-join,no-such-preset"},
                new String[] {"-d", "my-pool"},
                new String[] {"--throughput", "0"},
                new String[] {"--throughput", "many"},
                new String[] {"--control", "shared,nowhere"},
                new String[] {"--config", ownPreset.toString()})) {
            var result = run("never", options);
            assertEquals(2, result.status(), String.join(" ", options) + " -> " + result.err());
            assertTrue(result.err().startsWith("error: "), result.err());
            assertTrue(result.err().strip().lines().count() <= 2, result.err());
        }
        assertTrue(run("never", "-d", "nope").err().contains("known: affinity-pool, fork-join, pinned, thread-pool, virtual-thread"));
        assertTrue(run("never", "--control", "main").err().contains("known: auto, shared, own"));
    }

    @Test
    void oneInvocationComparesControlActorsOnTheWorkersDispatcherAndOnTheirOwnThread() throws IOException {
        var result = run("control", "--control", "shared,own", "-d", "fork-join,pinned");

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("Control actors: on each run's worker dispatcher, between images; then on a thread of their own"),
                result.out());
        var rows = new ArrayList<String>();
        for (JsonNode row : report("control").get("runs")) {
            assertEquals(3, row.get("images").asInt());
            assertEquals(0, row.get("lost").asInt());
            rows.add(row.get("control").asText() + " " + row.get("label").asText());
        }
        assertEquals(List.of("- sequential", "- executor/2w", "shared single/fork-join/2w/shared-control", "shared single/pinned/2w/shared-control",
                "own single/fork-join/2w/own-control", "own single/pinned/2w/own-control"), rows);
    }

    @Test
    void autoSharesTheWorkersDispatcherOnlyForPullRunsOnADispatcherThatMovesActorsBetweenThreads() throws IOException {
        var result = run("auto", "-d", "fork-join,affinity-pool", "--mode", "pull,push");

        assertEquals(0, result.status(), result.err());
        var rows = new ArrayList<String>();
        for (JsonNode row : report("auto").get("runs")) {
            assertEquals(0, row.get("lost").asInt());
            rows.add(row.get("control").asText() + " " + row.get("controlSetting").asText() + " " + row.get("label").asText());
        }
        // Two threads of fork-join take every core on a machine of up to 2 cores, the CI's.
        var forkJoinPull = Runtime.getRuntime().availableProcessors() <= 2 ? "shared" : "own";
        assertEquals(List.of("- - sequential", "- - executor/2w", forkJoinPull + " auto single/fork-join/2w", "own auto single/affinity-pool/2w",
                "own auto single/fork-join/2w/push", "own auto single/affinity-pool/2w/push"), rows);
        assertTrue(result.out().contains("Control actors (auto):"), result.out());
        // What bounded the images each worker held, for each mode that ran and only for those.
        assertTrue(result.out().contains("Images held: pull, up to 4 per worker; push, unbounded mailboxes."), result.out());
        var delivery = report("auto").get("delivery");
        assertEquals(4, delivery.get("window").asInt());
        assertEquals(0, delivery.get("mailboxCapacity").asInt());
        assertTrue(delivery.get("clusterWindow").isNull() && delivery.get("clusterBatch").isNull() && delivery.get("streamBuffer").isNull(),
                delivery.toString());
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualThreadsSayPlainlyThatTheyFellBackBeforeJava21() throws IOException {
        var result = run("virtual", "-d", "virtual-thread,fork-join");

        assertEquals(0, result.status(), result.err());
        var notice = "virtual-thread: Java " + Runtime.version().feature()
                + " has no virtual threads; it runs on its fallback fork-join-executor (2 threads)";
        assertEquals(1, result.out().lines().filter(notice::equals).count(), result.out());
        assertFalse(result.out().contains("fork-join: Java"), "only the preset that fell back says so: " + result.out());
        var virtual = report("virtual").at("/dispatchers/virtual-thread");
        assertEquals("virtual-thread-executor", virtual.get("executor").asText());
        assertEquals("fork-join-executor", virtual.get("runsOn").asText());
        assertTrue(virtual.get("note").asText().contains("no virtual threads"), virtual.toString());
    }

    @Test
    void throughputIsListedWithEveryOtherOptionInTheHelp() {
        var help = CommandLineTest.execute("run", "--help");
        assertTrue(help.out().contains("--throughput"), help.out());
        assertTrue(help.out().contains("Example: --throughput 8"), help.out());
    }
}
