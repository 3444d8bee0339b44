package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.report.HeadlessChromium.PageStatus;

/**
 * The HTML report page in a real browser: built from its template with synthetic data, loaded in headless
 * Chromium, judged by what the page says about itself on {@code <body>} (status, charts drawn and expected,
 * errors caught, load time).
 */
class ReportPageBrowserTest {

    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(120);
    private static final double LOAD_BOUND_MS = 15_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A name that would end the data's script element if the JSON were not escaped, and be markup if shown raw. */
    private static final String HOSTILE_NAME = "evil</script><b>x</b>.jpg";

    @TempDir
    Path tmp;

    @Test
    void drawsEveryChartForThreeRunsOfTenThousandImagesInTime() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireForTest();
        Random random = new Random(42);
        ObjectNode data = Synthetic.report(List.of(
                Synthetic.actorRun("single/fork-join/4w/pull", "single", "pull", 0, 1, 4, 10_000, random),
                Synthetic.actorRun("single/fork-join/4w/push", "single", "push", 20_000, 1, 4, 10_000, random),
                Synthetic.actorRun("cluster/fork-join/2x2w/pull", "cluster", "pull", 40_000, 2, 2, 10_000, random)),
                Synthetic.scaling(0.05));
        Path page = writePage(data, true);

        long started = System.nanoTime();
        String dom = chromium.dumpDom(page, BROWSER_TIMEOUT);
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        PageStatus status = HeadlessChromium.status(dom);
        System.out.printf("report.html with 3 runs x 10 000 images: %,d bytes; page finished drawing at %.0f ms "
                + "(performance.now); Chromium start to exit %,d ms; %s%n", Files.size(page), status.loadMs(), wallMs,
                status);

        assertEquals("ok", status.status(), status::toString);
        assertEquals(0, status.errors(), status::toString);
        // speedup, throughput, images in flight, and the selected run's timeline and CPU load
        assertEquals(5, status.chartsExpected(), status::toString);
        assertEquals(status.chartsExpected(), status.charts(), status::toString);
        assertTrue(status.loadMs() > 0 && status.loadMs() < LOAD_BOUND_MS,
                () -> "page took " + status.loadMs() + " ms, bound " + LOAD_BOUND_MS);

        // The first actor run is the one shown in detail.
        assertTrue(dom.contains("single · pull · started at 0.00 s"), "the first actor run is selected");
        // Report data is text, never markup, and a value not measured says so.
        assertTrue(dom.contains("evil&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;.jpg"), "the hostile name is shown as text");
        assertTrue(dom.contains("decoder gave up"), "the failure reason is listed");
        assertTrue(dom.contains("<td class=\"num\">not measured</td>"), "a null heap figure reads 'not measured'");
    }

    @Test
    void saysNotMeasuredForChartsASequentialOnlyReportHasNoDataFor() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireForTest();
        ObjectNode data = Synthetic.report(
                List.of(Synthetic.sequentialRun("sequential", 200, new Random(7))), Synthetic.noScaling());
        Path page = writePage(data, true);

        String dom = chromium.dumpDom(page, BROWSER_TIMEOUT);
        PageStatus status = HeadlessChromium.status(dom);

        assertEquals("ok", status.status(), status::toString);
        assertEquals(1, status.chartsExpected(), "only the timeline has data: " + status);
        assertEquals(1, status.charts(), status::toString);
        for (String chart : List.of("Speedup", "Throughput", "Images in flight", "CPU load")) {
            assertTrue(dom.contains(chart + ": not measured in this report"), chart + " says it was not measured");
        }
    }

    @Test
    void reportsAnErrorWhenEchartsIsMissing() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireForTest();
        ObjectNode data = Synthetic.report(
                List.of(Synthetic.sequentialRun("sequential", 20, new Random(1))), Synthetic.noScaling());
        Path page = writePage(data, false);

        PageStatus status = HeadlessChromium.status(chromium.dumpDom(page, BROWSER_TIMEOUT));

        assertEquals("error", status.status(), status::toString);
        assertTrue(status.errors() >= 1, status::toString);
        assertTrue(status.errorText().contains("echarts.min.js"), status::toString);
    }

    // ---------- building the page ----------

    /** Writes report.html as the report does, and echarts.min.js beside it unless told not to. */
    private Path writePage(ObjectNode data, boolean withEcharts) throws IOException {
        ReportPage.write(data, tmp);
        if (!withEcharts) {
            Files.delete(tmp.resolve(ReportPage.ECHARTS_JS));
        }
        return tmp.resolve(ReportPage.REPORT_HTML);
    }

    // ---------- synthetic report data, in the page's schema ----------

    /** Report data shaped like the Java side's, with made-up but plausible timings. */
    private static final class Synthetic {

        static ObjectNode report(List<ObjectNode> runs, ObjectNode scaling) {
            ObjectNode report = JSON.createObjectNode();
            report.put("title", "Pekko Image Pipeline report");
            report.put("generated", "2026-12-03 13:20:00");
            report.put("summary", "Best: single/fork-join/4w/pull  1 412.3 img/s\nspeedup 3.41x  efficiency 85 %\n");
            report.put("cores", 4);
            report.set("scaling", scaling);
            report.set("table", table(runs));
            ArrayNode list = report.putArray("runs");
            runs.forEach(list::add);
            report.put("clockNote", "Node clocks aligned to the first node's by round trips at the run's start.");
            return report;
        }

        static ObjectNode scaling(double serialFraction) {
            ObjectNode scaling = JSON.createObjectNode();
            scaling.put("baselineImagesPerSec", 291.4);
            scaling.put("serialFraction", serialFraction);
            ArrayNode series = scaling.putArray("series");
            series.add(scalingSeries("single/fork-join", new double[][] {{1, 0.98, 285.6}, {2, 1.91, 556.6}, {4, 3.41, 993.7}}));
            series.add(scalingSeries("executor/thread-pool", new double[][] {{1, 0.99, 288.5}, {2, 1.95, 568.2}, {4, 3.6, 1049.0}}));
            series.add(scalingSeries("cluster/fork-join x2 nodes", new double[][] {{2, 1.7, 495.4}, {4, 3.0, 874.2}}));
            return scaling;
        }

        static ObjectNode noScaling() {
            ObjectNode scaling = JSON.createObjectNode();
            scaling.put("baselineImagesPerSec", 291.4);
            scaling.putNull("serialFraction");
            scaling.putArray("series");
            return scaling;
        }

        private static ObjectNode scalingSeries(String name, double[][] points) {
            ObjectNode series = JSON.createObjectNode();
            series.put("name", name);
            ArrayNode list = series.putArray("points");
            for (double[] p : points) {
                list.addArray().add(p[0]).add(p[1]).add(p[2]);
            }
            return series;
        }

        private static ObjectNode table(List<ObjectNode> runs) {
            ObjectNode table = JSON.createObjectNode();
            ArrayNode header = table.putArray("header");
            List.of("run", "mode", "distribution", "images", "wall ms", "img/s").forEach(header::add);
            ArrayNode rows = table.putArray("rows");
            for (ObjectNode run : runs) {
                int images = run.get("images").get("start").size();
                double wall = run.get("wallMs").asDouble();
                rows.addArray().add(run.get("label").asText()).add(run.get("kind").asText())
                        .add(run.get("distribution").asText()).add(String.valueOf(images))
                        .add(String.format("%.1f", wall)).add(String.format("%.1f", images / wall * 1000));
            }
            return table;
        }

        /** An actor run: lanes on each node, per-image timings, images in flight, CPU load and node figures. */
        static ObjectNode actorRun(String label, String kind, String distribution, double startMs,
                                   int nodes, int workersPerNode, int images, Random random) {
            String[] nodeNames = new String[nodes];
            for (int n = 0; n < nodes; n++) {
                nodeNames[n] = nodes == 1 ? "local" : "pekko://pipeline@127.0.0.1:" + (25520 + n);
            }
            ObjectNode run = run(label, kind, distribution, startMs, nodeNames, workersPerNode, images, random);
            double wallMs = run.get("wallMs").asDouble();
            run.set("inFlight", inFlight(run.get("images").get("end"), nodes * workersPerNode,
                    "push".equals(distribution) ? 8 : 2, wallMs));
            ArrayNode cpu = run.putArray("cpu");
            for (String node : nodeNames) {
                cpu.add(cpuSeries(node, wallMs, random));
            }
            ArrayNode nodeList = run.putArray("nodes");
            for (int n = 0; n < nodes; n++) {
                nodeList.add(node(nodeNames[n], n, images / nodes, wallMs, n == 0, true));
            }
            ArrayNode failures = run.putArray("failures");
            failures.addObject().put("name", HOSTILE_NAME).put("reason", "decoder gave up: truncated JPEG");
            failures.addObject().put("name", "huge.png").put("reason", "over the pixel limit (40 000 000 pixels)");
            return run;
        }

        /** A plain run: per-image timings, but no in-flight count, CPU load or clock figures. */
        static ObjectNode sequentialRun(String label, int images, Random random) {
            ObjectNode run = run(label, "sequential", "-", 0, new String[] {"local"}, 1, images, random);
            run.putArray("inFlight");
            run.putArray("cpu");
            run.putArray("nodes").add(node("local", 0, images, run.get("wallMs").asDouble(), true, false));
            run.putArray("failures");
            return run;
        }

        /** Lanes and columnar image timings: each image goes to the lane that is free first, as pulling workers do. */
        private static ObjectNode run(String label, String kind, String distribution, double startMs,
                                      String[] nodeNames, int workersPerNode, int images, Random random) {
            ObjectNode run = JSON.createObjectNode();
            run.put("label", label).put("kind", kind).put("distribution", distribution).put("startMs", startMs);
            ArrayNode lanes = run.putArray("lanes");
            for (String node : nodeNames) {
                for (int w = 1; w <= workersPerNode; w++) {
                    lanes.addObject().put("node", node).put("thread", "pipeline-fork-join-" + w);
                }
            }
            double[] laneFreeAt = new double[lanes.size()];
            ObjectNode columns = run.putObject("images");
            ArrayNode lane = columns.putArray("lane");
            ArrayNode start = columns.putArray("start");
            ArrayNode decode = columns.putArray("decode");
            ArrayNode filter = columns.putArray("filter");
            ArrayNode end = columns.putArray("end");
            ArrayNode name = columns.putArray("name");
            double lastEnd = 0;
            for (int i = 0; i < images; i++) {
                int l = firstFree(laneFreeAt);
                double s = laneFreeAt[l] + random.nextDouble() * 300;
                double d = 800 + random.nextDouble() * 1700;
                double f = 2500 + random.nextDouble() * 4500;
                double e = s + d + f + 100 + random.nextDouble() * 800;
                laneFreeAt[l] = e;
                lastEnd = Math.max(lastEnd, e);
                lane.add(l);
                start.add(tenth(s));
                decode.add(tenth(d));
                filter.add(tenth(f));
                end.add(tenth(e));
                name.add(String.format("img-%05d.jpg", i));
            }
            run.put("wallMs", tenth(lastEnd / 1000 + 2));
            return run;
        }

        private static int firstFree(double[] freeAt) {
            int best = 0;
            for (int i = 1; i < freeAt.length; i++) {
                if (freeAt[i] < freeAt[best]) {
                    best = i;
                }
            }
            return best;
        }

        /** Images handed out and not finished, every 5 ms: the unfinished ones, capped by what the workers hold. */
        private static ArrayNode inFlight(JsonNode ends, int workers, int perWorker, double wallMs) {
            double[] endMs = new double[ends.size()];
            for (int i = 0; i < endMs.length; i++) {
                endMs[i] = ends.get(i).asDouble() / 1000;
            }
            Arrays.sort(endMs);
            ArrayNode points = JSON.createArrayNode();
            int finished = 0;
            for (double t = 0; t <= wallMs; t += 5) {
                while (finished < endMs.length && endMs[finished] <= t) finished++;
                points.addArray().add(tenth(t)).add(Math.min(endMs.length - finished, workers * perWorker));
            }
            return points;
        }

        private static ObjectNode cpuSeries(String node, double wallMs, Random random) {
            ObjectNode series = JSON.createObjectNode();
            series.put("node", node);
            ArrayNode points = series.putArray("points");
            for (double t = 0; t <= wallMs; t += 50) {
                points.addArray().add(tenth(t)).add(Math.min(1.0, 0.7 + random.nextDouble() * 0.35));
            }
            return series;
        }

        /** One node's figures; the first node has no live-heap figure, and a plain run has no clock figures. */
        private static ObjectNode node(String address, int index, int images, double wallMs, boolean noLiveHeap,
                                       boolean clocks) {
            ObjectNode node = JSON.createObjectNode();
            node.put("address", address).put("pid", 4000 + index).put("status", "up").put("images", images)
                    .put("busyMs", tenth(wallMs * 0.93)).put("cpuMean", 0.88).put("cpuPeak", 1.0)
                    .put("peakHeapMb", 412.5);
            if (noLiveHeap) {
                node.putNull("liveHeapMb");
            }
            else node.put("liveHeapMb", 120.0);
            node.put("gcMs", 12.0);
            if (clocks) {
                node.put("clockOffsetUs", index * 41.5).put("clockUncertaintyUs", 35.0);
            }
            else node.putNull("clockOffsetUs").putNull("clockUncertaintyUs");
            return node;
        }

        private static double tenth(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }
}
