package org.pekkolab.imagepipeline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunResult;
import org.pekkolab.imagepipeline.results.Sample;
import org.pekkolab.imagepipeline.results.WorkerStats;

/**
 * Writes {@code report.html}: the page of {@code report-page/report.html} with the invocation's figures
 * filled in as one JSON object, and Apache ECharts (from its WebJar) copied beside it as
 * {@code echarts.min.js}, so that the folder opens offline in any browser. The page draws the views
 * docs/reference.md lists; this class only says what to draw.
 */
public final class ReportPage {

    public static final String REPORT_HTML = "report.html";
    public static final String ECHARTS_JS = "echarts.min.js";

    private static final String TEMPLATE = "/report-page/report.html";
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String DATA_MARK = "/*REPORT_DATA*/null";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportPage() {}

    /** Writes the page of the last trial (with the summary of all of them) and ECharts into {@code dir}, which must exist. */
    public static List<Path> write(List<Report> trials, Path dir) throws IOException {
        return write(data(trials), dir);
    }

    /** The page with {@code data} (its schema is the page's: {@link #data}), and ECharts beside it. */
    static List<Path> write(ObjectNode report, Path dir) throws IOException {
        var page = dir.resolve(REPORT_HTML);
        // No string of the data may end the script it sits in.
        var data = JSON.writeValueAsString(report).replace("</", "<\\/");
        Files.writeString(page, resource(TEMPLATE).replace(DATA_MARK, data), StandardCharsets.UTF_8);
        var echarts = dir.resolve(ECHARTS_JS);
        try (InputStream in = ReportPage.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IOException("ECharts is missing from the classpath: " + ECHARTS);
            }
            Files.copy(in, echarts, StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of(page, echarts);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the report page's template is missing from the classpath: " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(DATA_MARK)) {
                throw new IOException("the report page's template has no " + DATA_MARK);
            }
            return text;
        }
    }

    static ObjectNode data(List<Report> trials) {
        var report = trials.get(trials.size() - 1);
        var analysis = Analysis.of(report);
        var data = NODES.objectNode();
        data.put("title", "Pekko Image Pipeline report");
        data.put("generated", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        data.put("summary", Summary.of(trials).render() + (trials.size() > 1 ? "The table and the views below are the last of the "
                + trials.size() + " trials." : ""));
        var table = ConsoleReport.comparisonTable(report.runs());
        var tableNode = data.putObject("table");
        tableNode.set("header", JSON.valueToTree(table.get(0)));
        tableNode.set("rows", JSON.valueToTree(table.subList(1, table.size())));
        data.put("cores", report.host().cores());
        data.set("scaling", scaling(report, analysis));
        var runs = data.putArray("runs");
        long origin = report.runs().stream().mapToLong(run -> run.timeline().startedAtMicros()).min().orElse(0);
        report.runs().forEach(run -> runs.add(run(run, origin)));
        data.put("clockNote", clockNote(report));
        return data;
    }

    private static ObjectNode scaling(Report report, Analysis analysis) {
        var scaling = NODES.objectNode();
        scaling.put("baselineImagesPerSec", report.baseline().imagesPerSec());
        if (analysis.serialFractionKnown()) {
            scaling.put("serialFraction", analysis.serialFraction());
        } else {
            scaling.putNull("serialFraction");
        }
        var series = scaling.putArray("series");
        ChartWriter.series(report.runs()).forEach((name, runs) -> {
            var line = series.addObject();
            line.put("name", name);
            var points = line.putArray("points");
            runs.forEach(run -> points.addArray().add(Analysis.processingUnits(run)).add(run.speed().speedup()).add(run.speed().imagesPerSec()));
        });
        return scaling;
    }

    private static ObjectNode run(RunResult run, long origin) {
        var node = NODES.objectNode();
        long start = run.timeline().startedAtMicros();
        node.put("label", run.label());
        node.put("kind", run.setup().kind().label());
        node.put("distribution", run.setup().distribution());
        node.put("startMs", (start - origin) / 1000.0);
        node.put("wallMs", run.speed().wallMs());
        images(run, start, node);
        var inFlight = node.putArray("inFlight");
        run.timeline().inFlight().forEach(sample -> inFlight.add(point(sample, start)));
        var cpu = node.putArray("cpu");
        var nodes = node.putArray("nodes");
        for (var stats : run.nodeStats()) {
            if (!stats.cpuLoad().isEmpty()) {
                var line = cpu.addObject();
                line.put("node", stats.address());
                var points = line.putArray("points");
                stats.cpuLoad().forEach(sample -> points.add(point(sample, start)));
            }
            nodes.add(nodeRow(stats));
        }
        var failures = node.putArray("failures");
        run.failures().forEach(failure -> failures.addObject().put("name", failure.file()).put("reason", failure.reason()));
        return node;
    }

    /** Lanes (a worker thread each, grouped by node) and the images as columns: a page of 10 000 images stays small. */
    private static void images(RunResult run, long start, ObjectNode node) {
        var timings = run.imageTimings() == null ? List.<ImageTiming>of() : run.imageTimings();
        var byNode = new LinkedHashMap<String, Map<String, Integer>>();
        timings.forEach(t -> byNode.computeIfAbsent(t.node(), key -> new LinkedHashMap<>()).putIfAbsent(t.thread(), 0));
        var laneOf = new LinkedHashMap<String, Integer>();
        var lanes = node.putArray("lanes");
        byNode.forEach((address, threads) -> threads.keySet().stream().sorted(WorkerStats.NAME_ORDER).forEach(thread -> {
            laneOf.put(address + "\n" + thread, laneOf.size());
            lanes.addObject().put("node", address).put("thread", thread);
        }));
        var images = node.putObject("images");
        ArrayNode lane = images.putArray("lane");
        ArrayNode begin = images.putArray("start");
        ArrayNode decode = images.putArray("decode");
        ArrayNode filter = images.putArray("filter");
        ArrayNode end = images.putArray("end");
        ArrayNode name = images.putArray("name");
        for (var t : timings) {
            long at = t.startedAtMicros() - start;
            lane.add(laneOf.get(t.node() + "\n" + t.thread()));
            begin.add(at);
            decode.add(t.decodeMicros());
            filter.add(t.filteredAtMicros() - t.decodeMicros());
            end.add(at + t.totalMicros());
            name.add(t.image());
        }
    }

    private static ArrayNode point(Sample sample, long start) {
        return NODES.arrayNode().add((sample.atMicros() - start) / 1000.0).add(sample.value());
    }

    private static ObjectNode nodeRow(NodeStats stats) {
        var row = NODES.objectNode();
        row.put("address", stats.address());
        row.put("pid", stats.pid());
        row.put("status", stats.status());
        row.put("images", stats.images());
        row.put("busyMs", stats.busyMs());
        boolean reported = !stats.status().equals(NodeStats.DOWN) && !stats.status().equals(NodeStats.NO_REPORT);
        putMeasured(row, "cpuMean", reported, stats.cpuLoadMean());
        putMeasured(row, "cpuPeak", reported, stats.cpuLoadPeak());
        putMeasured(row, "peakHeapMb", reported, stats.peakHeapMb());
        putMeasured(row, "liveHeapMb", reported, stats.liveHeapMb());
        putMeasured(row, "gcMs", reported, stats.gcMs());
        var clock = stats.clock();
        putMeasured(row, "clockOffsetUs", clock != null, clock == null ? 0 : clock.offsetMicros());
        putMeasured(row, "clockUncertaintyUs", clock != null, clock == null ? 0 : clock.uncertaintyMicros());
        return row;
    }

    /** A figure, or null where it was not measured: the page shows "not measured", never 0. */
    private static void putMeasured(ObjectNode row, String name, boolean measured, double value) {
        if (measured && Double.isFinite(value)) {
            row.put(name, value);
        } else {
            row.putNull(name);
        }
    }

    /** How the nodes' clocks were put on one time line, with the largest uncertainty of any node. */
    private static String clockNote(Report report) {
        var offsets = new ArrayList<NodeStats.ClockOffset>();
        report.runs().forEach(run -> run.nodeStats().stream().map(NodeStats::clock).filter(clock -> clock != null).forEach(offsets::add));
        boolean severalNodes = report.runs().stream().anyMatch(run -> run.nodeStats().size() > 1);
        if (!severalNodes) {
            return "One JVM: every time is on its clock.";
        }
        long worst = offsets.stream().mapToLong(NodeStats.ClockOffset::uncertaintyMicros).max().orElse(0);
        long largest = offsets.stream().mapToLong(clock -> Math.abs(clock.offsetMicros())).max().orElse(0);
        return "Each node's clock is put on the coordinator's at the start of every run: of request and reply exchanges spread over "
                + "a second, the quickest is kept; the node's time read in between is compared with their midpoint. Offsets found: up to " + largest
                + " µs; each is right to within half its exchange's round trip, here at most " + worst + " µs.";
    }
}
