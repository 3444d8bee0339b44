package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.results.RunKind;

class ReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesAllFilesIntoAFreshDirectory() throws Exception {
        Path dir = tmp.resolve("out/report");
        List<Path> written = ReportWriter.write(Fixtures.sweep(), dir);

        assertEquals(List.of("report.json", "runs.csv", "images.csv", "speedup.png", "throughput.png", "trace.json"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        written.forEach(p -> assertTrue(Files.isRegularFile(p) && p.startsWith(dir), p.toString()));
    }

    @Test
    void reportJsonHasSpecFieldsAndNoImageTimings() throws Exception {
        ReportWriter.write(Fixtures.sweep(), tmp);
        JsonNode root = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());

        assertEquals(4, root.at("/host/cores").asInt());
        assertEquals("images", root.at("/input/dir").asText());
        assertEquals(20, root.at("/input/images").asInt());
        assertEquals(List.of("grayscale", "blur", "sobel"),
                List.of(root.at("/filters/0").asText(), root.at("/filters/1").asText(), root.at("/filters/2").asText()));
        assertEquals(4000.0, root.at("/baseline/wallMs").asDouble());

        JsonNode runs = root.get("runs");
        assertEquals(6, runs.size());
        assertEquals("sequential", runs.at("/0/mode").asText());
        assertEquals("executor/2w", runs.at("/1/label").asText());
        for (JsonNode run : runs) {
            assertFalse(run.has("imageTimings"), run.toString());
            assertTrue(run.has("workerStats") && run.has("failures") && run.has("peakInFlight"));
        }
        JsonNode cluster = runs.get(5);
        assertEquals(2, cluster.get("nodeStats").size());
        assertEquals("pekko://lab@127.0.0.1:25521", cluster.at("/nodeStats/1/address").asText());
        assertEquals(4343, cluster.at("/nodeStats/1/pid").asLong());
        assertEquals(0.77, cluster.at("/nodeStats/1/cpuLoadMean").asDouble());

        // rounded at write time: 4000 / 1.8 ms to 0.1, efficiency 1.8 / 2 already exact, 1/9 to 3 decimals
        assertTrue(runs.at("/1/wallMs").isNumber());
        assertEquals("2222.2", runs.at("/1/wallMs").asText());
        assertEquals(0.9, runs.at("/1/efficiency").asDouble());
        assertEquals("1234.6", runs.at("/1/nodeStats/0/busyMs").asText());

        assertEquals("broken.jpg", root.at("/failures/0/file").asText());
        assertEquals("not a decodable image", root.at("/failures/0/reason").asText());

        JsonNode analysis = root.get("analysis");
        assertEquals("single/fork-join/4w", analysis.at("/best/label").asText());
        assertEquals(0.111, analysis.get("serialFraction").asDouble());
        assertEquals(3, analysis.get("karpFlatt").size());
        assertEquals("cluster/fork-join/2wx2n", analysis.at("/left/1/label").asText());
        assertEquals("CLUSTER", analysis.at("/left/1/limit").asText());
        assertEquals(3.0, analysis.get("amdahlAtCores").asDouble());
        assertEquals(9.0, analysis.get("amdahlLimit").asDouble());
    }

    @Test
    void undefinedFiguresBecomeJsonNull() throws Exception {
        var one = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 1, 0.9, List.of(), List.of());
        ReportWriter.write(Fixtures.report(List.of(one), List.of()), tmp);
        JsonNode analysis = new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).get("analysis");

        assertTrue(analysis.get("serialFraction").isNull());
        assertTrue(analysis.get("amdahlLimit").isNull());
        assertEquals("single/fork-join/1w", analysis.at("/best/label").asText());
    }

    @Test
    void aLiveHeapNotMeasuredIsNullInJsonAndADashOnTheConsole() throws Exception {
        // No collection during the run: nothing says what it kept alive.
        var run = Fixtures.runBuilder(RunKind.SINGLE, "fork-join", 1, 2, 1.8).liveHeapMb(Double.NaN).build();
        var report = Fixtures.report(List.of(run), List.of());
        ReportWriter.write(report, tmp);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());

        assertTrue(json.at("/runs/0/liveHeapMb").isNull(), json.at("/runs/0").toString());
        var memoryRow = ConsoleReport.render(report).lines().dropWhile(line -> !line.startsWith("memory ")).skip(1).findFirst().orElseThrow();
        assertTrue(memoryRow.matches("single/fork-join/2w\\s+\\S+\\s+\\S+\\s+256\\s+-"), memoryRow);
    }

    @Test
    void runsCsvHasOneRowPerRun() throws Exception {
        ReportWriter.write(Fixtures.sweep(), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("runs.csv"));

        assertEquals("label,mode,dispatcher,distribution,reads,control,controlSetting,nodes,workers,images,failed,retried,lost,restarts,redelivered,peakInFlight,overflowed,peakMailbox,"
                + "heldBackMs,peakHeapMb,liveHeapMb,wallMs,imagesPerSec,speedup,efficiency,efficiencyPerCore,cpuLoadMean,threadsSeen,coresSeen,"
                + "voluntarySwitchesPerImage,involuntarySwitchesPerImage",
                lines.get(0));
        assertEquals(1 + 6, lines.size());
        assertEquals("executor/2w,executor,thread-pool,-,-,-,-,1,2,20,0,0,0,0,0,2,0,0,0.0,256.3,40.3,2222.2,36.0,1.800,0.900,0.450,0.877,2,2,0.250,2.500",
                lines.get(2));
        assertTrue(Files.readString(tmp.resolve("runs.csv")).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void imagesCsvHasOneColumnPerFilterAndQuotesNames() throws Exception {
        ReportWriter.write(Fixtures.sweep(), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("images.csv"));

        assertEquals("run,image,worker,node,thread,core,decode_us,grayscale_us,blur_us,sobel_us,total_us,cpu_us,pixels,alloc_bytes,start_us,end_us", lines.get(0));
        assertEquals(List.of(
                        "executor/2w,\"a,b.jpg\",worker-1,node-1,pool-1-thread-1,2,100,11,12,13,1000,,262144,1310720,0,1000",
                        "executor/2w,plain.jpg,worker-1,node-1,pool-1-thread-1,2,100,21,22,23,1000,,262144,1310720,0,1000",
                        "single/fork-join/1w,plain.jpg,worker-1,node-1,pool-1-thread-1,2,100,1,2,3,1000,,262144,1310720,0,1000"),
                lines.subList(1, lines.size()));
    }

    @Test
    void csvQuotingFollowsRfc4180() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("", Csv.field(null));
        assertEquals("1,,\"x,y\"\r\n", Csv.line(java.util.Arrays.asList(1, null, "x,y")));
    }
}
