package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.filters.Simd;

/** The command line end to end, in process: real actor system, real files, real report. */
class CommandLineTest {

    @TempDir
    static Path work;

    private static Path inputs;

    record Result(int status, String out, String err) {}

    static Result execute(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }

    /** Writes {@code count} synthetic images of {@code size} into {@code dir} with the generate command, and returns it. */
    static Path generate(Path dir, int count, String size, int seed) {
        var generated = execute("generate", "--count", String.valueOf(count), "--size", size, "--out", dir.toString(), "--seed", String.valueOf(seed));
        assertEquals(0, generated.status(), generated.err());
        return dir;
    }

    @BeforeAll
    static void generateInputs() {
        inputs = generate(work.resolve("inputs"), 6, "96x64", 3);
    }

    @Test
    void fullRunWritesReportCsvChartsAndOutputs() throws IOException {
        var report = work.resolve("report");
        var output = work.resolve("output");
        var result = execute("-i", inputs.toString(), "-w", "1,2", "--warmup-ms", "0",
                "--report", report.toString(), "-o", output.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("single/fork-join/2w"), result.out());

        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(6, json.at("/input/images").asInt());
        assertEquals(List.of("grayscale", "blur", "sobel", "sharpen", "brightness"),
                new ObjectMapper().convertValue(json.get("filters"), List.class));
        assertTrue(json.at("/baseline/wallMs").asDouble() > 0);
        var runs = json.get("runs");
        assertEquals(5, runs.size(), "sequential, executor x2, single x2");
        for (JsonNode run : runs) {
            assertEquals(6, run.get("images").asInt());
            assertEquals(0, run.get("lost").asInt());
            assertEquals(0, run.get("failed").asInt());
            for (var field : List.of("retried", "restarts", "peakInFlight", "peakHeapMb", "wallMs", "imagesPerSec", "speedup", "efficiency")) {
                assertTrue(run.has(field), "run lacks " + field + ": " + run);
            }
            assertEquals(run.get("nodeStats").get(0).get("images").asInt(), 6);
        }
        assertEquals("single", runs.get(4).get("mode").asText());
        assertEquals(2, runs.get(4).get("workers").asInt());

        var imagesCsv = Files.readAllLines(report.resolve("images.csv"));
        assertEquals("run,image,worker,node,thread,core,decode_us,grayscale_us,blur_us,sobel_us,sharpen_us,brightness_us,total_us,cpu_us,pixels,alloc_bytes,start_us,end_us",
                imagesCsv.get(0));
        assertEquals(1 + 5 * 6, imagesCsv.size(), "one row per image per run");
        assertEquals(1 + 5, Files.readAllLines(report.resolve("runs.csv")).size());
        assertTrue(Files.size(report.resolve("speedup.png")) > 0);
        assertTrue(Files.size(report.resolve("throughput.png")) > 0);
        assertTrue(Files.size(report.resolve("trace.json")) > 0);
        assertTrue(Files.readString(report.resolve("report.html")).contains("\"label\":\"single/fork-join/2w\""), "the page holds the runs");
        assertTrue(Files.size(report.resolve("echarts.min.js")) > 500_000, "ECharts beside the page");

        try (Stream<Path> saved = Files.list(output)) {
            var names = saved.map(path -> path.getFileName().toString()).sorted().toList();
            assertEquals(6, names.size());
            assertTrue(names.stream().allMatch(name -> name.endsWith(".png")), names.toString());
            var image = ImageIO.read(output.resolve(names.get(0)).toFile());
            assertEquals(96, image.getWidth());
            assertEquals(64, image.getHeight());
        }
    }

    @Test
    void aHeapThatCanGrowAndShrinkIsNoted() {
        long mib = 1024 * 1024;
        var growable = StartBanner.heapNote(new MemoryUsage(256 * mib, 0, 0, 4096 * mib));
        assertTrue(growable.isPresent());
        assertTrue(growable.get().startsWith("Note: this JVM's heap can grow and shrink (256 MB at start, up to 4096 MB)"), growable.get());
        assertTrue(StartBanner.heapNote(new MemoryUsage(2048 * mib, 0, 0, 2048 * mib)).isEmpty(), "a heap of one size");
        assertTrue(StartBanner.heapNote(new MemoryUsage(256 * mib, 0, 0, -1)).isEmpty(), "no maximum known");
    }

    @Test
    void benchRepeatsTheSweepAndSummarisesEveryRow() throws IOException {
        var report = work.resolve("bench");
        var result = execute("bench", "--trials", "2", "-i", inputs.toString(), "-w", "2", "-d", "fork-join,thread-pool", "--warmup-ms", "0",
                "--report", report.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("Over 2 trials: median (min-max)"), result.out());
        var bench = new ObjectMapper().readTree(report.resolve("bench.json").toFile());
        assertEquals(2, bench.get("trials").asInt());
        assertEquals(List.of("sequential", "executor/2w", "single/fork-join/2w", "single/thread-pool/2w",
                "core scaling, " + Runtime.getRuntime().availableProcessors() + " threads"), bench.findValuesAsText("label"));
        assertTrue(bench.at("/rows/2/ratioToExecutor/median").asDouble() > 0);
        assertEquals(2, bench.at("/rows/4/speedup/byTrial").size());
        assertTrue(Files.exists(report.resolve("report.json")), "the last trial's full report");
        var trials = result.err().split("trial 2 of 2");
        assertTrue(trials[0].indexOf("executor/2w") < trials[0].indexOf("single/fork-join/2w"), "trial 1 runs the executor first");
        assertTrue(trials[0].indexOf("single/fork-join/2w") < trials[0].indexOf("single/thread-pool/2w"), "then the actor rows forward");
        assertTrue(trials[1].indexOf("single/thread-pool/2w") < trials[1].indexOf("single/fork-join/2w"), "trial 2 runs them backward");
        assertTrue(trials[1].indexOf("single/fork-join/2w") < trials[1].indexOf("executor/2w"), "and the executor last");
        var json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(List.of("-", "thread-pool", "fork-join", "thread-pool"), json.get("runs").findValuesAsText("dispatcher"), "rows in the usual order");
    }

    @Test
    void theWarmUpRunsRoundsOfTheSweepAndSaysHowTheJitEnded() throws IOException {
        var config = Files.writeString(work.resolve("short-warmup.conf"), "pipeline.warmup-max = 1s\n");

        var result = execute("-i", inputs.toString(), "-w", "2", "--warmup-ms", "300", "--config", config.toString(),
                "--report", work.resolve("warmup-report").toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("warming up the JIT: 300 ms at least"), result.err());
        assertTrue(result.err().matches("(?s).*warm-up: \\d+ rounds in \\d+\\.\\d s, the JIT compiling .*"), result.err());
    }

    @Test
    void inputsThatWouldBeSavedOverEachOtherAreNamedBeforeTheRun() throws IOException {
        var folder = work.resolve("same-stem");
        Files.createDirectories(folder);
        try (Stream<Path> generated = Files.list(inputs)) {
            var file = generated.sorted().findFirst().orElseThrow();
            Files.copy(file, folder.resolve("dish.png"));
            Files.copy(file, folder.resolve("dish.jpg"));
        }

        var result = execute("-i", folder.toString(), "-w", "1", "--warmup-ms", "0", "-o", work.resolve("same-stem-out").toString(),
                "--report", work.resolve("same-stem-report").toString());

        assertTrue(result.out().contains("Note: dish.jpg, dish.png all save as dish.png; the one saved last overwrites the others."),
                result.out());
    }

    @Test
    void brokenInputsAreListedAndExitThree() throws IOException {
        var mixed = work.resolve("mixed");
        Files.createDirectories(mixed);
        try (Stream<Path> generated = Files.list(inputs)) {
            for (var file : generated.limit(2).toList()) {
                Files.copy(file, mixed.resolve(file.getFileName()));
            }
        }
        Files.write(mixed.resolve("empty.jpg"), new byte[0]);
        Files.writeString(mixed.resolve("notes.png"), "plain text, not a picture");
        Files.writeString(mixed.resolve("README.md"), "not an input: no image extension");
        var report = work.resolve("mixed-report");

        var result = execute("-i", mixed.toString(), "-w", "2", "--warmup-ms", "0", "--report", report.toString());

        assertEquals(3, result.status(), result.err());
        assertTrue(result.out().contains("empty.jpg"), result.out());
        var json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(4, json.at("/input/images").asInt());
        assertEquals(2, json.get("failures").size());
        for (JsonNode run : json.get("runs")) {
            assertEquals(2, run.get("failed").asInt());
            assertEquals(0, run.get("lost").asInt());
        }
        assertFalse(json.get("failures").get(0).get("reason").asText().isBlank());
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndNoStackTrace() throws IOException {
        var empty = Files.createDirectories(work.resolve("empty"));
        for (var args : List.of(
                new String[] {"-i", work.resolve("missing").toString()},
                new String[] {"-i", empty.toString()},
                new String[] {"--no-such-option"},
                new String[] {"-w", "0", "-i", inputs.toString()},
                new String[] {"-w", "two", "-i", inputs.toString()},
                new String[] {"-f", "grayscale,emboss", "-i", inputs.toString()},
                new String[] {"-d", "no-such-dispatcher", "-i", inputs.toString()},
                new String[] {"--quality", "0", "-i", inputs.toString()},
                new String[] {"generate", "--size", "big", "--out", work.resolve("g").toString()})) {
            var result = execute(args);
            assertEquals(2, result.status(), String.join(" ", args) + " -> " + result.err());
            assertTrue(result.err().startsWith("error: "), result.err());
            assertFalse(result.err().contains("\tat "), "stack trace for " + String.join(" ", args) + ": " + result.err());
            assertTrue(result.err().strip().lines().count() <= 2, result.err());
        }
    }

    @Test
    void helpShowsAnExampleForEveryOptionAndVersionPrints() {
        var help = execute("run", "--help");
        assertEquals(0, help.status());
        for (var option : List.of("--input", "--filters", "--workers", "--dispatcher", "--repeat", "--output", "--format",
                "--quality", "--report", "--max-pixels", "--max-retries", "--window", "--warmup-ms", "--config", "--threads", "--mode",
                "--mailbox-capacity", "--supervision", "--fail-rate", "--fail-seed", "--slow-rate", "--slow-ms")) {
            assertTrue(help.out().contains(option), option);
        }
        long options = help.out().lines().filter(line -> line.strip().startsWith("-")).count();
        long examples = help.out().lines().filter(line -> line.strip().startsWith("Example: ")).count();
        assertTrue(examples >= options - 2, "examples " + examples + " for " + options + " options (help and version have none)");

        // picocli reports a description it cannot format (a lone '%') on System.err, not on the command's writer.
        var systemErr = System.err;
        var warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (var command : List.of("run", "bench", "cluster", "node", "generate")) {
                assertEquals(0, execute(command, "--help").status(), command);
            }
        } finally {
            System.setErr(systemErr);
        }
        assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("picocli WARN"), warnings.toString(StandardCharsets.UTF_8));

        var version = execute("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().contains("Apache Pekko"), version.out());
        assertTrue(version.out().contains("Filter kernels: " + Simd.describe()), version.out());
    }
}
