package org.pekkolab.imagepipeline.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * The same sweep run several times: for every row, the median and spread (min-max) of its
 * throughput and speedup, and for every actor row its throughput over the ExecutorService row
 * with the same worker count, trial by trial (a ratio within one trial is immune to the
 * machine's drift between trials). Each median comes with a distribution-free confidence interval
 * from the order of the trials' values: whether a target such as "actor at least 0.97 x executor"
 * is met or missed, or whether this machine's noise cannot tell. A last row gives the machine's
 * own core scaling, measured before each trial's rows: the most speedup its cores gave then.
 */
public record BenchSummary(int trials, List<Row> rows, List<ClusterBench> cluster) {

    public static final String BENCH_JSON = "bench.json";

    /** @param ratioToExecutor NaN for rows that are not actor runs */
    public record Row(String label, Spread imagesPerSec, Spread speedup, Spread ratioToExecutor) {}

    /** The row of the machine's own core scaling, followed by its thread count. */
    private static final String CORE_SCALING_LABEL = "core scaling, ";

    /** The least confidence a median's interval must have; with fewer than 6 trials none has. */
    static final double CONFIDENCE = 0.95;

    /**
     * @param medianLow the median lies in [medianLow, medianHigh] with at least 95 % confidence,
     *     whatever the distribution of the values (NaN for fewer than 6 trials)
     * @param confidence the interval's exact confidence
     * @param byTrial the values in trial order: odd trials ran each worker count's rows forward, even ones reversed
     */
    public record Spread(double median, double min, double max, double medianLow, double medianHigh, double confidence,
            List<Double> byTrial) {

        static Spread of(List<Double> values) {
            if (values.isEmpty()) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
            }
            var sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            int k = intervalRank(n);
            return k == 0
                    ? new Spread(median, sorted.get(0), sorted.get(n - 1), Double.NaN, Double.NaN, Double.NaN, List.copyOf(values))
                    : new Spread(median, sorted.get(0), sorted.get(n - 1), sorted.get(k - 1), sorted.get(n - k),
                            1 - 2 * binomialHalfCdf(n, k - 1), List.copyOf(values));
        }
    }

    /**
     * The largest k such that the k-th smallest and the k-th largest of n values bound their
     * population's median with at least {@link #CONFIDENCE}: each value is below the median with
     * probability 1/2, so the interval misses it with probability 2 P(Binomial(n, 1/2) <= k - 1).
     * 0 when even the smallest and largest do not reach that confidence.
     */
    static int intervalRank(int n) {
        int k = 0;
        while (k + 1 <= (n + 1) / 2 && 1 - 2 * binomialHalfCdf(n, k) >= CONFIDENCE) {
            k++;
        }
        return k;
    }

    /** P(Binomial(n, 1/2) <= j). */
    static double binomialHalfCdf(int n, int j) {
        double term = Math.pow(0.5, n);
        double sum = 0;
        for (int i = 0; i <= j; i++) {
            sum += term;
            term = term * (n - i) / (i + 1);
        }
        return sum;
    }

    public static BenchSummary of(List<Report> trials) {
        Map<String, List<Double>> throughput = new LinkedHashMap<>();
        Map<String, List<Double>> speedup = new LinkedHashMap<>();
        Map<String, List<Double>> ratio = new LinkedHashMap<>();
        for (var trial : trials) {
            for (var run : trial.runs()) {
                throughput.computeIfAbsent(run.label(), label -> new ArrayList<>()).add(run.speed().imagesPerSec());
                speedup.computeIfAbsent(run.label(), label -> new ArrayList<>()).add(run.speed().speedup());
                var executor = executorRow(trial.runs(), run);
                if (executor != null) {
                    ratio.computeIfAbsent(run.label(), label -> new ArrayList<>())
                            .add(run.speed().imagesPerSec() / executor.speed().imagesPerSec());
                }
            }
        }
        var rows = new ArrayList<Row>();
        throughput.forEach((label, values) -> rows.add(new Row(label, Spread.of(values), Spread.of(speedup.get(label)),
                Spread.of(ratio.getOrDefault(label, List.of())))));
        var scalings = trials.stream().map(Report::coreScaling).filter(Objects::nonNull).toList();
        if (!scalings.isEmpty()) {
            rows.add(new Row(CORE_SCALING_LABEL + scalings.get(0).threads() + " threads", Spread.of(List.of()),
                    Spread.of(scalings.stream().map(CoreScaling::speedup).toList()), Spread.of(List.of())));
        }
        return new BenchSummary(trials.size(), rows, ClusterBench.of(trials));
    }

    /** The ExecutorService row an actor row is compared with: same worker count in all. */
    private static RunResult executorRow(List<RunResult> runs, RunResult run) {
        if (!run.setup().kind().actors()) {
            return null;
        }
        int workers = run.setup().workers() * run.setup().nodes();
        return runs.stream()
                .filter(r -> r.setup().kind() == RunKind.EXECUTOR && r.setup().workers() == workers)
                .findFirst()
                .orElse(null);
    }

    public String render() {
        var nl = System.lineSeparator();
        var out = new StringBuilder("Over " + trials + " trials: median (min-max)" + nl);
        int width = rows.stream().mapToInt(row -> row.label().length()).max().orElse(3);
        var format = "%-" + width + "s  %-24s  %-22s  %s";
        out.append(String.format(format, "run", "img/s", "speedup", "actor / executor").stripTrailing()).append(nl);
        for (var row : rows) {
            out.append(String.format(format, row.label(), spread(row.imagesPerSec(), Numbers.COARSE), spread(row.speedup(), Numbers.SHORT_RATIO),
                    spread(row.ratioToExecutor(), Numbers.RATIO)).stripTrailing()).append(nl);
        }
        var intervals = rows.stream().filter(row -> !Double.isNaN(row.speedup().medianLow()) && !row.label().equals("sequential")).toList();
        if (intervals.isEmpty()) {
            out.append("(With 6 or more trials each median also gets a 95 % confidence interval.)").append(nl);
            renderCluster(out, width);
            return out.toString();
        }
        out.append(nl).append("Where the medians lie, with ")
                .append(Numbers.display(100 * intervals.get(0).speedup().confidence(), 1))
                .append(" % confidence (the trials' order statistics; no assumption about the noise):").append(nl);
        var intervalFormat = "%-" + width + "s  %-13s  %s";
        out.append(String.format(intervalFormat, "run", "speedup", "actor / executor").stripTrailing()).append(nl);
        for (var row : intervals) {
            out.append(String.format(intervalFormat, row.label(), interval(row.speedup(), Numbers.SHORT_RATIO),
                    interval(row.ratioToExecutor(), Numbers.RATIO)).stripTrailing()).append(nl);
        }
        renderCluster(out, width);
        return out.toString();
    }

    /**
     * Each cluster row against the single row with as many workers, trial by trial: median (interval,
     * where there are enough trials, else min-max).
     */
    private void renderCluster(StringBuilder out, int width) {
        if (cluster.isEmpty()) {
            return;
        }
        var nl = System.lineSeparator();
        out.append(nl).append("Cluster rows against the single row with as many workers (at most one per core), trial by trial,")
                .append(nl).append("as median (interval, or min-max below 6 trials):").append(nl);
        var format = "%-" + width + "s  %-22s  %-30s  %-30s  %-26s  %s";
        out.append(String.format(format, "run", "cluster / single", "node CPU/image vs coordinator", "same, cores' speed evened out",
                "images vs workers' share", "idle vs single")).append(nl);
        for (var row : cluster) {
            out.append(String.format(format, row.label(), bounds(row.toSingle(), Numbers.RATIO), bounds(row.nodeCpu(), Numbers.RATIO),
                    bounds(row.nodeCpuAtEqualCores(), Numbers.RATIO), bounds(row.split(), Numbers.RATIO),
                    bounds(row.idle(), Numbers.SHORT_RATIO)).stripTrailing()).append(nl);
        }
        out.append("(node CPU/image: how far the furthest node's median CPU per image is from the coordinator's, 0.10 = 10 %;").append(nl)
                .append(" cores' speed evened out: the same with each image's CPU scaled by how fast its core did the same image then,").append(nl)
                .append(" on a VM whose cores run at different speeds;").append(nl)
                .append(" images vs workers' share: how far the furthest node's share of the images is from its share of the workers)")
                .append(nl);
    }

    /** A median with its confidence interval where the trials give one, else with the min-max; "-" when unknown. */
    static String bounds(Spread spread, int decimals) {
        if (Double.isNaN(spread.median())) {
            return "-";
        }
        boolean interval = !Double.isNaN(spread.medianLow());
        return Numbers.display(spread.median(), decimals) + " (" + Numbers.display(interval ? spread.medianLow() : spread.min(), decimals) + "-"
                + Numbers.display(interval ? spread.medianHigh() : spread.max(), decimals) + ")";
    }

    private static String interval(Spread spread, int decimals) {
        if (Double.isNaN(spread.medianLow())) {
            return "";
        }
        return Numbers.display(spread.medianLow(), decimals) + "-" + Numbers.display(spread.medianHigh(), decimals);
    }

    private static String spread(Spread spread, int decimals) {
        if (Double.isNaN(spread.median())) {
            return "";
        }
        return Numbers.display(spread.median(), decimals) + " (" + Numbers.display(spread.min(), decimals) + "-"
                + Numbers.display(spread.max(), decimals) + ")";
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportWriter.JSON.writeValue(dir.resolve(BENCH_JSON).toFile(), this);
    }
}
