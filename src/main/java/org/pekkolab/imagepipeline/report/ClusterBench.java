package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * The cluster rows of a bench over several trials, each trial's figure taken against the same
 * trial's single row with as many workers in all, or as many as the machine has cores where the
 * cluster has more workers than that (a ratio within one trial is immune to the machine's drift
 * between trials):
 *
 * <ul>
 *   <li>{@code toSingle}: the cluster row's throughput over the single row's;
 *   <li>{@code nodeCpu}: how far the slowest-working node's CPU per image (the median of its images'
 *       thread CPU) is from the coordinator's, as a share of the coordinator's: 0.1 means 10 % more;
 *   <li>{@code nodeCpuAtEqualCores}: the same with each image's CPU taken to a core of average speed
 *       ({@link CoreAdjustedCpu}): what is left is the nodes' own difference, not the host's cores';
 *       unknown where the cores' speed was not measured;
 *   <li>{@code split}: how far a node's share of the images is from its share of the workers, at
 *       the worst node, as a share of the latter (nodes that joined or left during the row make it
 *       unknown);
 *   <li>{@code idle}: the cluster row's idle worker time per image over the single row's.
 * </ul>
 */
public record ClusterBench(String label, BenchSummary.Spread toSingle, BenchSummary.Spread nodeCpu,
        BenchSummary.Spread nodeCpuAtEqualCores, BenchSummary.Spread split, BenchSummary.Spread idle) {

    public static List<ClusterBench> of(List<Report> trials) {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        for (var trial : trials) {
            var breakdown = TimeBreakdown.of(trial.runs(), trial.filters().size());
            var cores = CoreAdjustedCpu.of(trial.coreSpeed());
            for (var run : trial.runs()) {
                if (run.setup().kind() != RunKind.CLUSTER) {
                    continue;
                }
                var single = ClusterComparison.matchingSingle(trial.runs(), run, Math.min(Analysis.processingUnits(run), trial.host().cores()));
                double toSingle = single.map(s -> run.speed().imagesPerSec() / s.speed().imagesPerSec()).orElse(Double.NaN);
                double idle = single.map(s -> idleUs(breakdown, run) / idleUs(breakdown, s)).orElse(Double.NaN);
                byLabel.computeIfAbsent(run.label(), label -> new ArrayList<>())
                        .add(new double[] {toSingle, nodeCpuDeviation(run, trial.host().pid(), ImageTiming::cpuMicros),
                                nodeCpuDeviation(run, trial.host().pid(), cores::micros), splitDeviation(run), idle});
            }
        }
        var rows = new ArrayList<ClusterBench>();
        byLabel.forEach((label, values) -> rows.add(new ClusterBench(label, spread(values, 0), spread(values, 1), spread(values, 2),
                spread(values, 3), spread(values, 4))));
        return rows;
    }

    private static BenchSummary.Spread spread(List<double[]> values, int index) {
        return BenchSummary.Spread.of(values.stream().map(v -> v[index]).filter(v -> !Double.isNaN(v)).toList());
    }

    private static double idleUs(List<TimeBreakdown> breakdown, RunResult run) {
        return breakdown.stream().filter(row -> row.label().equals(run.label())).mapToDouble(TimeBreakdown::idleUs).findFirst().orElse(Double.NaN);
    }

    /**
     * The largest |node's median CPU per image / the coordinator's - 1| over the other nodes, each
     * image's CPU as {@code cpu} gives it; NaN where unknown.
     */
    static double nodeCpuDeviation(RunResult run, long coordinatorPid, ToDoubleFunction<ImageTiming> cpu) {
        var coordinator = run.nodeStats().stream().filter(node -> node.pid() == coordinatorPid).map(NodeStats::address).findFirst();
        if (coordinator.isEmpty() || run.imageTimings().isEmpty() || !run.imageTimings().stream().allMatch(ImageTiming::cpuKnown)) {
            return Double.NaN;
        }
        double reference = medianCpuUs(run, coordinator.get(), cpu);
        double worst = Double.NaN;
        for (var node : run.nodeStats()) {
            if (!node.address().equals(coordinator.get()) && node.images() > 0) {
                double deviation = Math.abs(medianCpuUs(run, node.address(), cpu) / reference - 1);
                worst = Double.isNaN(worst) ? deviation : Math.max(worst, deviation);
            }
        }
        return worst;
    }

    /** The median over the node's images that have a CPU figure; NaN for none. */
    private static double medianCpuUs(RunResult run, String node, ToDoubleFunction<ImageTiming> cpu) {
        return Analysis.median(run.imageTimings().stream().filter(timing -> timing.node().equals(node))
                .mapToDouble(cpu).filter(micros -> !Double.isNaN(micros)).sorted().toArray());
    }

    /**
     * The largest |node's share of the images / its share of the workers - 1|: every node runs as many
     * workers, so a node's share of the workers is one over the nodes. NaN when a node joined, left or
     * died during the row: its share of the time was not the others'.
     */
    static double splitDeviation(RunResult run) {
        var nodes = run.nodeStats();
        if (nodes.size() < 2 || nodes.stream().anyMatch(node -> !node.status().equals(NodeStats.UP) || node.joinedAtMs() != null)) {
            return Double.NaN;
        }
        int images = nodes.stream().mapToInt(NodeStats::images).sum();
        double fair = (double) images / nodes.size();
        return nodes.stream().mapToDouble(node -> Math.abs(node.images() / fair - 1)).max().orElse(Double.NaN);
    }
}
