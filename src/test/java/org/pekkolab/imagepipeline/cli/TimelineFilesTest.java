package org.pekkolab.imagepipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.report.HeadlessChromium;

/**
 * The files that lay a run out in time, from a real sweep with pull and push rows: {@code trace.json}
 * in Chrome's Trace Event format and the start and end of each image in {@code images.csv}.
 */
class TimelineFilesTest {

    @TempDir
    static Path work;

    private static Path report;
    private static List<String[]> images;

    @BeforeAll
    static void runASweep() throws IOException {
        var input = CommandLineTest.generate(work.resolve("photos"), 6, "96x64", 3);
        report = work.resolve("report");
        var result = CommandLineTest.execute("-i", input.toString(), "-w", "1,2", "--mode", "pull,push", "--repeat", "3", "--warmup-ms", "0",
                "--report", report.toString());
        assertEquals(0, result.status(), result.err());
        images = Files.readAllLines(report.resolve("images.csv")).stream().skip(1).map(line -> line.split(",", -1)).toList();
        assertEquals(7 * 18, images.size(), "sequential, executor 1w and 2w, pull and push with 1 and 2 workers, 18 images each");
    }

    private static JsonNode json(String file) throws IOException {
        return new ObjectMapper().readTree(report.resolve(file).toFile());
    }

    /** Each image lies within its run: from 0 to the run's wall time, its end after its start. */
    @Test
    void imagesCsvHasEachImagesStartAndEndWithinItsRun() throws IOException {
        var header = Files.readAllLines(report.resolve("images.csv")).get(0).split(",");
        int start = List.of(header).indexOf("start_us");
        int end = List.of(header).indexOf("end_us");
        int total = List.of(header).indexOf("total_us");
        var wallUs = new HashMap<String, Double>();
        json("report.json").get("runs").forEach(run -> wallUs.put(run.get("label").asText(), run.get("wallMs").asDouble() * 1000));
        for (var row : images) {
            long from = Long.parseLong(row[start]);
            long to = Long.parseLong(row[end]);
            assertEquals(Long.parseLong(row[total]), to - from, String.join(",", row));
            // report.json gives the wall time to 0.1 ms.
            assertTrue(from >= 0 && to <= wallUs.get(row[0]) + 50, "within its run: " + String.join(",", row) + ", wall " + wallUs.get(row[0]));
        }
    }

    /**
     * Every image of every run is in the trace once per phase (decode, filters), on a named thread of
     * a named process, and inside its run's complete event; each run starts and ends with an instant.
     */
    @Test
    void traceHasEveryImageOncePerPhaseNestedInItsRun() throws IOException {
        var events = json("trace.json").get("traceEvents");
        var runs = new HashMap<String, long[]>();
        var processNames = new HashSet<Integer>();
        var threadNames = new HashSet<String>();
        var instants = new HashSet<String>();
        for (var event : events) {
            switch (event.get("ph").asText()) {
                case "X" -> {
                    if (event.get("cat").asText().equals("run")) {
                        runs.put(event.get("name").asText(), new long[] {event.get("ts").asLong(), event.get("ts").asLong() + event.get("dur").asLong()});
                    }
                }
                case "M" -> {
                    if (event.get("name").asText().equals("process_name")) {
                        processNames.add(event.get("pid").asInt());
                    } else {
                        threadNames.add(event.get("pid").asInt() + "/" + event.get("tid").asInt());
                    }
                }
                case "i" -> instants.add(event.get("name").asText());
                default -> throw new AssertionError("unexpected event " + event);
            }
        }
        assertEquals(7, runs.size(), runs.keySet().toString());
        runs.keySet().forEach(label -> assertTrue(instants.contains("start " + label) && instants.contains("end " + label), label));

        Map<String, Integer> phases = new HashMap<>();
        for (var event : events) {
            if (!event.get("ph").asText().equals("X") || !event.get("cat").asText().equals("image")) {
                continue;
            }
            var run = event.get("args").get("run").asText();
            var span = runs.get(run);
            long from = event.get("ts").asLong();
            long to = from + event.get("dur").asLong();
            assertTrue(from >= span[0] && to <= span[1] + 1, "inside run " + run + ": " + event);
            assertTrue(processNames.contains(event.get("pid").asInt()), "a named process: " + event);
            assertTrue(threadNames.contains(event.get("pid").asInt() + "/" + event.get("tid").asInt()), "a named thread: " + event);
            phases.merge(run + "|" + event.get("name").asText(), 1, Integer::sum);
        }
        Map<String, Integer> expected = new HashMap<>();
        for (var row : images) {
            expected.merge(row[0] + "|decode", 1, Integer::sum);
            expected.merge(row[0] + "|filters", 1, Integer::sum);
        }
        assertEquals(expected, phases);
        Set<String> pushRuns = new HashSet<>(runs.keySet());
        pushRuns.removeIf(label -> !label.endsWith("/push"));
        assertEquals(2, pushRuns.size(), "push beside pull: " + runs.keySet());
    }

    /** report.html, from this real sweep, opens offline in a headless browser with every chart drawn and no error. */
    @Test
    void reportPageDrawsEveryChartInABrowser() throws Exception {
        var chromium = HeadlessChromium.requireForTest();

        var status = HeadlessChromium.status(chromium.dumpDom(report.resolve("report.html"), Duration.ofSeconds(120)));

        assertTrue(status.ok(), status::toString);
        assertEquals(5, status.chartsExpected(), "speedup, throughput, in flight, timeline, CPU: " + status);
    }

    /** The report says when each run started and how many images were in flight over time; each node's CPU over time. */
    @Test
    void reportJsonHasTheRunsOverTime() throws IOException {
        for (var run : json("report.json").get("runs")) {
            assertTrue(run.get("startedAtMicros").asLong() > 0, run.get("label").asText());
            boolean actorRun = run.get("mode").asText().equals("single");
            assertEquals(actorRun, run.get("inFlight").size() > 0, "in flight over time for actor runs: " + run.get("label"));
            var node = run.get("nodeStats").get(0);
            assertTrue(node.get("cpuLoad").size() >= 1, "CPU over time: " + node);
            if (actorRun) {
                assertEquals(0, node.get("clock").get("offsetMicros").asLong(), "one JVM, one clock: " + node.get("clock"));
            }
        }
    }
}
