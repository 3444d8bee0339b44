package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * The result in words, for the top of the console report: the best configuration with its speedup
 * and efficiency, the serial fraction where the rows can show one, and the main reason the speedup
 * is not higher. Over several trials every figure is the median of the trials, with its interval.
 *
 * @param trials how many trials the figures come from
 * @param best the label of the row with the highest median throughput; empty without parallel rows
 * @param cores the cores of the machine
 */
public record Summary(int trials, Optional<String> best, BenchSummary.Spread imagesPerSec, BenchSummary.Spread speedup,
        BenchSummary.Spread efficiency, BenchSummary.Spread serialFraction, BenchSummary.Spread coreScaling, int cores,
        String limitedBy) {

    /** A machine whose cores gave less than this share of their count at the time limits every speedup. */
    static final double LOW_CORE_SCALING = 0.9;

    public static Summary of(List<Report> trials) {
        var last = trials.get(trials.size() - 1);
        int cores = last.host().cores();
        boolean ioBound = last.input() != null && last.input().ioLatencyMs() > 0;
        var byLabel = new LinkedHashMap<String, List<RunResult>>();
        trials.forEach(trial -> trial.runs().stream()
                .filter(run -> run.setup().kind() != RunKind.SEQUENTIAL)
                .forEach(run -> byLabel.computeIfAbsent(run.label(), label -> new ArrayList<>()).add(run)));
        var best = byLabel.entrySet().stream()
                .max(Comparator.comparingDouble(entry -> median(entry.getValue(), run -> run.speed().imagesPerSec())))
                .map(Map.Entry::getKey);
        var bestRuns = best.map(byLabel::get).orElse(List.of());
        var serialFractions = trials.stream().map(Analysis::of).filter(Analysis::serialFractionKnown).map(Analysis::serialFraction).toList();
        var coreScaling = BenchSummary.Spread.of(trials.stream().map(Report::coreScaling).filter(Objects::nonNull)
                .map(CoreScaling::speedup).toList());
        var speedup = spread(bestRuns, run -> run.speed().speedup());
        return new Summary(trials.size(), best, spread(bestRuns, run -> run.speed().imagesPerSec()), speedup,
                spread(bestRuns, run -> run.speed().efficiency()), BenchSummary.Spread.of(serialFractions), coreScaling, cores,
                limitedBy(bestRuns.isEmpty() ? null : bestRuns.get(bestRuns.size() - 1), cores, ioBound, coreScaling, serialFractions.isEmpty()));
    }

    /** The main reason the best row's speedup is not higher, in words. */
    private static String limitedBy(RunResult best, int cores, boolean ioBound, BenchSummary.Spread coreScaling, boolean noSerialFraction) {
        if (best == null) {
            return "no parallel row to compare with the sequential baseline";
        }
        var limit = Analysis.limit(best, cores, ioBound).orElse(null);
        if (limit == Analysis.Limit.CLUSTER) {
            return "a cluster on one host pays for moving every image between JVMs (docs/cluster.md)";
        } else if (limit == Analysis.Limit.MORE_WORKERS_THAN_CORES) {
            return "it runs more workers than the " + cores + " cores; beyond a worker per core they only take turns";
        } else if (ioBound) {
            return "every read waits for I/O: the rows measure waiting, not the filters' parallel part";
        } else if (coreScaling.median() < LOW_CORE_SCALING * cores) {
            return "this machine's " + cores + " cores gave only " + Numbers.display(coreScaling.median(), Numbers.SHORT_RATIO)
                    + "x at the time (core scaling), the most any row could reach";
        } else if (noSerialFraction) {
            return "no row could show a serial fraction (each had one worker, more workers than cores, or ran under "
                    + Numbers.duration(Analysis.LONG_ENOUGH_MS) + ")";
        }
        return "the part of the work that behaved as serial (Karp-Flatt), with the cores at "
                + Numbers.display(coreScaling.median(), Numbers.SHORT_RATIO) + "x";
    }

    /** Three to five lines, the result in words; then the tables. */
    public String render() {
        var nl = System.lineSeparator();
        var out = new StringBuilder();
        out.append(trials > 1 ? "Summary (medians of " + trials + " trials, interval in brackets):" : "Summary (one trial):").append(nl);
        if (best.isEmpty()) {
            return out.append("  No parallel row: nothing to compare with the sequential baseline.").append(nl).toString();
        }
        out.append("  Best: ").append(best.get()).append(" at ").append(Numbers.display(imagesPerSec.median(), Numbers.COARSE))
                .append(" img/s, speedup ").append(figure(speedup, Numbers.SHORT_RATIO))
                .append(", efficiency ").append(figure(efficiency, Numbers.SHORT_RATIO)).append(".").append(nl);
        if (Double.isNaN(serialFraction.median())) {
            out.append("  Serial fraction: not measured (").append(Analysis.NOT_MEASURED_BECAUSE).append(").").append(nl);
        } else {
            out.append("  Serial fraction f = ").append(figure(serialFraction, Numbers.RATIO))
                    .append(" from the rows that can show one: Amdahl allows ")
                    .append(Numbers.display(Analysis.amdahl(serialFraction.median(), cores), Numbers.SHORT_RATIO)).append("x on ")
                    .append(cores).append(" cores.").append(nl);
        }
        out.append("  Not higher because: ").append(limitedBy).append(".").append(nl);
        return out.toString();
    }

    /** A median with its interval (or min-max with fewer than 6 trials); the value alone for one trial. */
    private String figure(BenchSummary.Spread spread, int decimals) {
        return trials > 1 ? BenchSummary.bounds(spread, decimals) : Numbers.display(spread.median(), decimals);
    }

    private static BenchSummary.Spread spread(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return BenchSummary.Spread.of(runs.stream().map(run -> figure.applyAsDouble(run)).filter(Double::isFinite).toList());
    }

    private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return spread(runs, figure).median();
    }
}
