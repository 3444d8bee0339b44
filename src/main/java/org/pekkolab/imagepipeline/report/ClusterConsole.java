package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.List;
import org.pekkolab.imagepipeline.probes.ThreadCpu;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * The console's view of where a cluster's time goes, under the single-JVM tables: per node, the
 * images' work, idle and thread switches; for every actor row, the CPU of each kind of thread of
 * each JVM; and for every cluster row, what it paid against the single row with as many workers
 * ({@link ClusterComparison}).
 */
final class ClusterConsole {

    private static final String NL = System.lineSeparator();

    private ClusterConsole() {}

    static void render(Report report, StringBuilder out) {
        var clusterRuns = report.runs().stream().filter(run -> run.setup().kind() == RunKind.CLUSTER).toList();
        if (clusterRuns.isEmpty()) {
            return;
        }
        perNode(clusterRuns, report, out);
        cpu(report, out);
        comparison(ClusterComparison.of(report), out);
    }

    /** Each node's part of each cluster row: its images' work, what its threads did between them, idle, thread switches. */
    private static void perNode(List<RunResult> runs, Report report, StringBuilder out) {
        var table = new ArrayList<List<String>>();
        table.add(List.of("per node (us/image)", "status", "images", "decode", "filters", "other", "between", "idle", "waited", "preempted"));
        for (var run : runs) {
            table.add(List.of(run.label()));
            var rows = TimeBreakdown.byNode(run, report.filters().size());
            for (var node : run.nodeStats()) {
                var row = rows.stream().filter(r -> r.label().equals(node.address())).findFirst();
                double filters = row.map(r -> r.filterUs().stream().mapToDouble(Double::doubleValue).sum()).orElse(Double.NaN);
                table.add(List.of("  " + name(node, report), status(node), String.valueOf(node.images()),
                        Numbers.display(row.map(TimeBreakdown::decodeUs).orElse(Double.NaN), 0), Numbers.display(filters, 0),
                        Numbers.display(row.map(TimeBreakdown::otherUs).orElse(Double.NaN), 0),
                        Numbers.display(row.map(TimeBreakdown::betweenUs).orElse(Double.NaN), 0),
                        Numbers.display(row.map(TimeBreakdown::idleUs).orElse(Double.NaN), 0),
                        Numbers.display(orNaN(node.jvm().waitedPerImage()), 1), Numbers.display(orNaN(node.jvm().preemptedPerImage()), 1)));
            }
        }
        out.append(NL);
        ConsoleReport.alignedTable(table, out);
    }

    /** Where every JVM's CPU went in each actor row, by kind of thread, per image of the row. */
    private static void cpu(Report report, StringBuilder out) {
        var groups = List.of(ThreadCpu.Group.values());
        var header = new ArrayList<>(List.of("CPU by thread (us/image)"));
        groups.forEach(group -> header.add(group.label()));
        var table = new ArrayList<List<String>>();
        table.add(header);
        for (var run : report.runs()) {
            if (!run.setup().kind().actors() || run.counts().images() == 0) {
                continue;
            }
            boolean cluster = run.setup().kind() == RunKind.CLUSTER;
            table.add(cluster ? List.of(run.label()) : cpuRow(run.label(), run.nodeStats(), run.counts().images(), groups));
            if (cluster) {
                for (var node : run.nodeStats()) {
                    table.add(cpuRow("  " + name(node, report), List.of(node), run.counts().images(), groups));
                }
                table.add(cpuRow("  all nodes", run.nodeStats(), run.counts().images(), groups));
            }
        }
        out.append(NL);
        ConsoleReport.alignedTable(table, out);
    }

    private static List<String> cpuRow(String label, List<NodeStats> nodes, int images, List<ThreadCpu.Group> groups) {
        var cells = new ArrayList<>(List.of(label));
        for (var group : groups) {
            double us = 0;
            for (var node : nodes) {
                us += node.jvm().cpuMillis(group.label()) * 1000 / images;
            }
            cells.add(Numbers.display(us, 0));
        }
        return cells;
    }

    /** Each cluster row's extra worker time per image, split into what was measured. */
    private static void comparison(List<ClusterComparison> comparisons, StringBuilder out) {
        if (comparisons.isEmpty()) {
            return;
        }
        out.append(NL).append("What each cluster row pays against the single row with as many workers (us of worker time per image):").append(NL);
        for (var c : comparisons) {
            var cluster = c.clusterSide();
            var single = c.singleSide();
            out.append("  ").append(c.cluster()).append(" vs ").append(c.single()).append(": ")
                    .append(Numbers.display(cluster.workerTimeUs(), 0)).append(" vs ").append(Numbers.display(single.workerTimeUs(), 0))
                    .append(" (").append(signed(c.extraUs())).append(")").append(NL);
            out.append("    the images' own work ").append(signed(cluster.workUs() - single.workUs()))
                    .append(", between images ").append(signed(cluster.betweenUs() - single.betweenUs()))
                    .append(", idle ").append(signed(cluster.idleUs() - single.idleUs())).append(NL);
            var cpu = new StringBuilder();
            for (var group : cluster.cpuUs().keySet()) {
                double extra = cluster.cpuUs().get(group) - single.cpuUs().getOrDefault(group, Double.NaN);
                if (Double.isFinite(extra) && Math.abs(extra) >= 5) {
                    cpu.append(cpu.length() == 0 ? "" : ", ").append(group).append(' ').append(signed(extra));
                }
            }
            out.append("    CPU of every JVM per image: ").append(cpu.length() == 0 ? "as in one JVM" : cpu)
                    .append("; cores left unused ").append(signed(cluster.unusedUs() - single.unusedUs())).append(NL);
            if (Double.isFinite(c.crossedShare())) {
                out.append("    ").append(Numbers.percent(c.crossedShare())).append(" of the images crossed to another JVM");
                if (Double.isFinite(c.serializationUs())) {
                    out.append(": serializing and reading back their message, ").append(Numbers.display(c.serializationUs(), 0))
                            .append(" us each, is ").append(Numbers.display(c.serializationUs() * c.crossedShare(), 0))
                            .append(" us per image of the row, inside remoting");
                }
                out.append(NL);
            }
        }
    }

    private static String signed(double us) {
        return Double.isFinite(us) ? (us >= 0 ? "+" : "") + Numbers.fixed(us, 0) : "-";
    }

    private static String status(NodeStats node) {
        if (node.joinedAtMs() != null) {
            return "joined at " + Numbers.duration(node.joinedAtMs());
        }
        if (node.goneAtMs() != null) {
            return node.status() + " at " + Numbers.duration(node.goneAtMs());
        }
        return node.status();
    }

    /** A node's host:port, and "(coordinator)" for the JVM that ran the sweep. */
    private static String name(NodeStats node, Report report) {
        var address = node.address();
        var hostAndPort = address.contains("@") ? address.substring(address.indexOf('@') + 1) : address;
        return hostAndPort + (node.pid() == report.host().pid() ? " (coordinator)" : "");
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
