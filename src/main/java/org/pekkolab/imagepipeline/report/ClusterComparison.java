package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * What a cluster row pays that one JVM does not: each cluster row set against the single-mode row
 * with as many workers in all (cluster 1 worker x 2 nodes against single 2 workers), in
 * microseconds per image, split into what was measured.
 *
 * <ul>
 *   <li><b>Worker time</b> (wall time x workers, per image): the images' own work (decoding, the
 *       filters, the rest), the CPU the processing threads spent between two images, and idle (not
 *       running: waiting for work, or descheduled). The difference between the two rows is the
 *       nodes' slower work, the messaging between images, and idle.
 *   <li><b>Machine time</b> (wall time x cores, per image): where the CPU of every JVM went, by kind
 *       of thread (workers, readers, control, remoting, JIT, GC, other), and what no thread used.
 *       Remoting is what serializing, sending and receiving the messages cost on both sides.
 *   <li><b>Moving an image</b>: serializing and deserializing its message, from the cluster cost
 *       probe, for the share of images that crossed JVMs (those done on a node other than this one).
 * </ul>
 *
 * @param cluster the cluster row's label
 * @param single the single row it is set against
 */
public record ClusterComparison(String cluster, String single, Side clusterSide, Side singleSide, double crossedShare,
        double serializationUs) {

    /** One row's time per image. */
    public record Side(double workerTimeUs, double workUs, double betweenUs, double idleUs, Map<String, Double> cpuUs, double unusedUs) {}

    /** Every cluster row of the report that has a single row to compare with, in the table's order. */
    public static List<ClusterComparison> of(Report report) {
        var comparisons = new ArrayList<ClusterComparison>();
        var breakdown = TimeBreakdown.of(report.runs(), report.filters().size());
        for (var run : report.runs()) {
            if (run.setup().kind() != RunKind.CLUSTER) {
                continue;
            }
            var single = matchingSingle(report.runs(), run);
            var clusterRow = breakdown.stream().filter(row -> row.label().equals(run.label())).findFirst();
            var singleRow = single.flatMap(s -> breakdown.stream().filter(row -> row.label().equals(s.label())).findFirst());
            // Only runs with per-image timings can be broken down.
            if (clusterRow.isPresent() && singleRow.isPresent()) {
                comparisons.add(new ClusterComparison(run.label(), single.get().label(), side(run, clusterRow.get(), report.host().cores()),
                        side(single.get(), singleRow.get(), report.host().cores()), crossedShare(run, report.host().pid()),
                        serializationUs(report.clusterCost())));
            }
        }
        return comparisons;
    }

    /** The single-mode row with the cluster row's settings and as many workers as it had in all. */
    static Optional<RunResult> matchingSingle(List<RunResult> runs, RunResult cluster) {
        return matchingSingle(runs, cluster, Analysis.processingUnits(cluster));
    }

    /** The single-mode row with the cluster row's settings and {@code workers} workers. */
    static Optional<RunResult> matchingSingle(List<RunResult> runs, RunResult cluster, int workers) {
        return runs.stream()
                .filter(run -> run.setup().kind() == RunKind.SINGLE && run.setup().workers() == workers
                        && run.setup().dispatcher().equals(cluster.setup().dispatcher())
                        && run.setup().distribution().equals(cluster.setup().distribution()) && run.setup().reads().equals(cluster.setup().reads()))
                .findFirst();
    }

    private static Side side(RunResult run, TimeBreakdown row, int coresPerHost) {
        double filters = row.filterUs().stream().mapToDouble(Double::doubleValue).sum();
        double workUs = row.decodeUs() + filters + row.otherUs();
        double between = Double.isNaN(row.betweenUs()) ? 0 : row.betweenUs();
        double workerTimeUs = workUs + between + row.idleUs();
        var cpuUs = new LinkedHashMap<String, Double>();
        double used = 0;
        for (var node : run.nodeStats()) {
            for (var group : node.jvm().threadCpuMs().entrySet()) {
                double us = group.getValue() == null ? Double.NaN : group.getValue() * 1000 / run.counts().images();
                cpuUs.merge(group.getKey(), us, Double::sum);
                used += Double.isNaN(us) ? 0 : us;
            }
        }
        // The JVMs of one host share its cores: machine time is wall time x the cores of every host.
        long hosts = run.nodeStats().stream().map(node -> host(node.address())).distinct().count();
        double machineUs = run.speed().wallMs() * 1000 * coresPerHost * Math.max(1, hosts) / run.counts().images();
        return new Side(workerTimeUs, workUs, row.betweenUs(), row.idleUs(), cpuUs, cpuUs.isEmpty() ? Double.NaN : machineUs - used);
    }

    /** The share of the row's images done on another JVM than the coordinator's: those that crossed the network. */
    private static double crossedShare(RunResult run, long coordinatorPid) {
        var coordinator = run.nodeStats().stream().filter(node -> node.pid() == coordinatorPid).map(NodeStats::address).findFirst();
        if (coordinator.isEmpty() || run.imageTimings() == null || run.imageTimings().isEmpty()) {
            return Double.NaN;
        }
        long remote = run.imageTimings().stream().map(ImageTiming::node).filter(node -> !node.equals(coordinator.get())).count();
        return (double) remote / run.imageTimings().size();
    }

    private static double serializationUs(Report.ClusterCost cost) {
        return cost == null ? Double.NaN : cost.serializeUsPerImage() + cost.deserializeUsPerImage();
    }

    /** The host part of a node address (pekko://pipeline@HOST:PORT). */
    static String host(String address) {
        int at = address.indexOf('@');
        int colon = address.lastIndexOf(':');
        return at < 0 || colon < at ? address : address.substring(at + 1, colon);
    }

    /** Worker time per image the cluster row spent more than the single row (negative: less). */
    public double extraUs() {
        return clusterSide.workerTimeUs() - singleSide.workerTimeUs();
    }
}
