package org.pekkolab.imagepipeline.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * Draws {@code speedup.png} and {@code throughput.png} against p = workers × nodes, one line per
 * mode/dispatcher series (push runs apart from pull runs), next to the references that make them
 * readable: the ideal line and the Amdahl curve of the estimated serial fraction, and the
 * sequential baseline. Renders off-screen, so it works on headless hosts.
 */
public final class ChartWriter {

    public static final String SPEEDUP_PNG = "speedup.png";
    public static final String THROUGHPUT_PNG = "throughput.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int CURVE_POINTS = 64;
    private static final String X_TITLE = "workers (p = workers x nodes)";

    private ChartWriter() {}

    /** Writes both charts into {@code dir} (which must exist) and returns their paths. */
    public static List<Path> write(Report report, Analysis analysis, Path dir) throws IOException {
        Map<String, List<RunResult>> series = series(report.runs());
        int maxP = series.values().stream().flatMap(List::stream).mapToInt(Analysis::processingUnits).max().orElse(1);
        return List.of(
                save(speedupChart(series, analysis, maxP), dir.resolve(SPEEDUP_PNG)),
                save(throughputChart(series, report.baseline().imagesPerSec(), maxP), dir.resolve(THROUGHPUT_PNG)));
    }

    /**
     * Non-sequential runs grouped by what they vary in besides p ({@link org.pekkolab.imagepipeline.results.RunSetup#seriesLabel}:
     * push runs are a line of their own next to the pull runs of the same dispatcher), in report order, each sorted by p.
     */
    static Map<String, List<RunResult>> series(List<RunResult> runs) {
        return runs.stream()
                .filter(r -> r.setup().kind() != RunKind.SEQUENTIAL)
                .collect(Collectors.groupingBy(run -> run.setup().seriesLabel(), LinkedHashMap::new, Collectors.collectingAndThen(
                        Collectors.toList(),
                        group -> group.stream().sorted(Comparator.comparingInt(Analysis::processingUnits)).toList())));
    }

    private static XYChart speedupChart(Map<String, List<RunResult>> series, Analysis analysis, int maxP) {
        XYChart chart = chart("Speedup over the sequential baseline", "speedup");
        addMeasured(chart, series, run -> run.speed().speedup());
        reference(chart, "ideal (speedup = p)", new double[] {1, maxP}, new double[] {1, maxP}, Color.GRAY);
        if (analysis.serialFractionKnown()) {
            double f = analysis.serialFraction();
            double[] p = IntStream.range(0, CURVE_POINTS).mapToDouble(i -> 1 + (maxP - 1) * i / (CURVE_POINTS - 1.0)).toArray();
            double[] s = Arrays.stream(p).map(x -> Analysis.amdahl(f, x)).toArray();
            reference(chart, "Amdahl (f = " + Numbers.fixed(f, Numbers.RATIO) + ")", p, s, Color.DARK_GRAY);
        }
        return chart;
    }

    private static XYChart throughputChart(Map<String, List<RunResult>> series, double baselinePerSec, int maxP) {
        XYChart chart = chart("Throughput", "images / s");
        addMeasured(chart, series, run -> run.speed().imagesPerSec());
        reference(chart, "sequential baseline (" + Numbers.fixed(baselinePerSec, Numbers.COARSE) + " img/s)",
                new double[] {1, maxP}, new double[] {baselinePerSec, baselinePerSec}, Color.GRAY);
        return chart;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(X_TITLE).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(8);
        return chart;
    }

    private static void addMeasured(XYChart chart, Map<String, List<RunResult>> series, ToDoubleFunction<RunResult> y) {
        series.forEach((name, runs) -> chart.addSeries(name,
                runs.stream().mapToDouble(Analysis::processingUnits).toArray(),
                runs.stream().mapToDouble(y).toArray()));
    }

    private static void reference(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries line = chart.addSeries(name, x, y);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(SeriesLines.DASH_DASH);
        line.setLineColor(color);
    }

    private static Path save(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        }
        return file;
    }
}
