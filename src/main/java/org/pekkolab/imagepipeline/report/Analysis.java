package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
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
 * <p>The overall serial fraction {@code f} is the <em>median</em> of the Karp–Flatt values of the
 * runs that can show one, clamped to [0, 1]: runs in one JVM with 2 or more workers, no more
 * workers than cores, rows of at least {@link #LONG_ENOUGH_MS}, reads that do not wait for I/O.
 * What a cluster pays, workers queueing for cores, a row too short to measure and reads that wait
 * are not a serial fraction of the work, and a run limited by them would make the work look serial.
 * The median shrugs off a single noisy or superlinear run. Speedups are taken as recorded in each
 * {@link RunResult}, so the analysis never disagrees with the table.
 *
 * @param best the non-sequential run with the highest throughput; empty when there is none
 * @param karpFlatt one entry per run that can show a serial fraction
 * @param left the other parallel runs, each with why it cannot
 * @param serialFraction estimated f in [0, 1]; NaN when no run has p &gt; 1
 * @param cores the cores of the machine the bound is computed for
 * @param amdahlAtCores Amdahl bound 1 / (f + (1 - f) / cores); NaN when f is undefined
 * @param amdahlLimit Amdahl bound 1 / f as p → ∞; infinite when f = 0, NaN when f is undefined
 */
public record Analysis(
        Optional<Best> best,
        List<KarpFlatt> karpFlatt,
        List<LeftOut> left,
        double serialFraction,
        int cores,
        double amdahlAtCores,
        double amdahlLimit) {

    /** The winning configuration and how well it used its workers. */
    public record Best(String label, double imagesPerSec, double speedup, double efficiency) {}

    /** Karp–Flatt experimentally determined serial fraction e of one run with p processing units. */
    public record KarpFlatt(String label, int p, double speedup, double e) {}

    /** A parallel run left out of the serial fraction, and why. */
    public record LeftOut(String label, Limit limit) {}

    /** What limits a run's speedup besides a serial part of the work. */
    public enum Limit {
        ONE_WORKER("one worker"),
        CLUSTER("what the cluster pays for moving images between JVMs"),
        MORE_WORKERS_THAN_CORES("more workers than cores"),
        SHORT_ROW("a row too short to measure"),
        IO_BOUND("reads that wait for I/O");

        private final String reason;

        Limit(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Rows shorter than this move by 10-20 % from one invocation to the next: no serial fraction from them. */
    public static final double LONG_ENOUGH_MS = 1000;

    /** Why no serial fraction was estimated, when none was. */
    static final String NOT_MEASURED_BECAUSE = "no row of one JVM with 2 or more workers, at most one per core, that ran "
            + Numbers.duration(LONG_ENOUGH_MS) + " or more";

    public static Analysis of(Report report) {
        return of(report.runs(), report.host().cores(), report.input() != null && report.input().ioLatencyMs() > 0);
    }

    public static Analysis of(List<RunResult> runs, int cores) {
        return of(runs, cores, false);
    }

    /** @param ioBound whether every read waited for I/O (an added latency) */
    public static Analysis of(List<RunResult> runs, int cores, boolean ioBound) {
        List<RunResult> parallel = runs.stream().filter(r -> r.setup().kind() != RunKind.SEQUENTIAL).toList();
        Optional<Best> best = parallel.stream()
                .max(Comparator.comparingDouble(run -> run.speed().imagesPerSec()))
                .map(r -> new Best(r.label(), r.speed().imagesPerSec(), r.speed().speedup(), r.speed().efficiency()));
        var karpFlatt = new ArrayList<KarpFlatt>();
        var left = new ArrayList<LeftOut>();
        for (var run : parallel) {
            limit(run, cores, ioBound).ifPresentOrElse(limit -> left.add(new LeftOut(run.label(), limit)), () -> karpFlatt.add(karpFlattOf(run)));
        }
        double f = karpFlatt.isEmpty()
                ? Double.NaN
                : Math.min(1, Math.max(0, median(karpFlatt.stream().mapToDouble(KarpFlatt::e).sorted().toArray())));
        return new Analysis(best, List.copyOf(karpFlatt), List.copyOf(left), f, cores, amdahl(f, cores), 1 / f);
    }

    /** What keeps {@code run} from showing a serial fraction, if anything. */
    public static Optional<Limit> limit(RunResult run, int cores, boolean ioBound) {
        int p = processingUnits(run);
        if (run.setup().kind() == RunKind.CLUSTER) {
            return Optional.of(Limit.CLUSTER);
        } else if (p < 2) {
            return Optional.of(Limit.ONE_WORKER);
        } else if (p > cores) {
            return Optional.of(Limit.MORE_WORKERS_THAN_CORES);
        } else if (ioBound) {
            return Optional.of(Limit.IO_BOUND);
        } else if (!(run.speed().wallMs() >= LONG_ENOUGH_MS) || !(run.speed().speedup() > 0) || Double.isInfinite(run.speed().speedup())) {
            return Optional.of(Limit.SHORT_ROW);
        }
        return Optional.empty();
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

    /** The median of sorted figures; NaN for none. */
    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
