package org.pekkolab.imagepipeline.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * What the measured runs say about scalability, beyond raw speedups: which configuration won, how much
 * of the work behaves as serial (Karp–Flatt), and what Amdahl's law then allows.
 *
 * <p>The overall serial fraction {@code f} is the <em>median</em> of the Karp–Flatt values of all
 * non-sequential runs with more than one worker, clamped to [0, 1]: the median shrugs off a single
 * noisy or superlinear run, and the runs of every series measure the same chain on the same machine.
 * Speedups are taken as recorded in each {@link RunResult}, so the analysis never disagrees with the table.
 *
 * @param best the non-sequential run with the highest throughput; empty when there is none
 * @param karpFlatt one entry per non-sequential run with p = workers × nodes &gt; 1
 * @param serialFraction estimated f in [0, 1]; NaN when no run has p &gt; 1
 * @param cores the cores of the machine the bound is computed for
 * @param amdahlAtCores Amdahl bound 1 / (f + (1 - f) / cores); NaN when f is undefined
 * @param amdahlLimit Amdahl bound 1 / f as p → ∞; infinite when f = 0, NaN when f is undefined
 */
public record Analysis(
        Optional<Best> best,
        List<KarpFlatt> karpFlatt,
        double serialFraction,
        int cores,
        double amdahlAtCores,
        double amdahlLimit) {

    /** The winning configuration and how well it used its workers. */
    public record Best(String label, double imagesPerSec, double speedup, double efficiency) {}

    /** Karp–Flatt experimentally determined serial fraction e of one run with p processing units. */
    public record KarpFlatt(String label, int p, double speedup, double e) {}

    public static Analysis of(Report report) {
        return of(report.runs(), report.host().cores());
    }

    public static Analysis of(List<RunResult> runs, int cores) {
        List<RunResult> parallel = runs.stream().filter(r -> r.setup().kind() != RunKind.SEQUENTIAL).toList();
        Optional<Best> best = parallel.stream()
                .max(Comparator.comparingDouble(run -> run.speed().imagesPerSec()))
                .map(r -> new Best(r.label(), r.speed().imagesPerSec(), r.speed().speedup(), r.speed().efficiency()));
        List<KarpFlatt> karpFlatt = parallel.stream()
                .filter(r -> processingUnits(r) > 1 && Double.isFinite(r.speed().speedup()) && r.speed().speedup() > 0)
                .map(Analysis::karpFlattOf)
                .toList();
        double f = karpFlatt.isEmpty()
                ? Double.NaN
                : Math.min(1, Math.max(0, median(karpFlatt.stream().mapToDouble(KarpFlatt::e).sorted().toArray())));
        return new Analysis(best, karpFlatt, f, cores, amdahl(f, cores), 1 / f);
    }

    /** Whether an overall serial fraction could be estimated at all. */
    public boolean serialFractionKnown() {
        return !Double.isNaN(serialFraction);
    }

    /** Workers over the whole cluster: the p of speedup, efficiency and the laws below. */
    public static int processingUnits(RunResult run) {
        return run.setup().workers() * Math.max(1, run.setup().nodes());
    }

    private static KarpFlatt karpFlattOf(RunResult run) {
        double speedup = run.speed().speedup();
        int p = processingUnits(run);
        return new KarpFlatt(run.label(), p, speedup, karpFlatt(speedup, p));
    }

    /** Karp–Flatt: e = (1/S − 1/p) / (1 − 1/p); only defined for p &gt; 1. */
    public static double karpFlatt(double speedup, int p) {
        if (p <= 1) {
            throw new IllegalArgumentException("Karp–Flatt is undefined for p = " + p);
        }
        return (1 / speedup - 1.0 / p) / (1 - 1.0 / p);
    }

    /** Amdahl: S(p) = 1 / (f + (1 − f) / p). */
    public static double amdahl(double serialFraction, double p) {
        return 1 / (serialFraction + (1 - serialFraction) / p);
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
