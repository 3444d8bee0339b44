package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.NodeStats;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunResult;
import org.pekkolab.imagepipeline.results.RunSetup;

/**
 * The end-of-run summary for a terminal or a log file: a fixed-width table of the runs, then what
 * the {@link Analysis} concludes, then the failed inputs. Plain ASCII, no colours, about 120 columns;
 * the failed/retried/lost/restarts/redelivered columns only appear when one of them is non-zero. When a push
 * run is present, a second table sets the actor runs' backpressure figures side by side (the run
 * table has no room left for them within 120 columns). Below the analysis, where each run's time
 * went and what it did with memory.
 */
public final class ConsoleReport {

    /** Below this, one run's figures are mostly the machine's noise (see {@link #shortRunsNote}). */
    private static final double SHORT_RUN_MS = 1000;

    private static final String NL = System.lineSeparator();

    /** The widest line the console report writes. */
    private static final int WIDTH = 120;

    private ConsoleReport() {}

    public static String render(Report report) {
        Analysis analysis = Analysis.of(report);
        StringBuilder out = new StringBuilder();
        runTable(report.runs(), out);
        shortRunsNote(report.runs(), out);
        backpressure(report.runs(), out);
        dispatchers(report.dispatchers(), out);
        autoControl(report.runs(), out);
        out.append(NL);
        analysis(analysis, out);
        coreScaling(report.coreScaling(), out);
        breakdown(report, out);
        out.append("Filter kernels: ").append(report.host().kernels()).append(NL);
        out.append("Worker threads: ").append(report.host().workerThreads()).append(NL);
        out.append("Memory pages: ").append(report.host().memoryPages()).append(NL);
        switches(report.runs(), out);
        memory(report.runs(), out);
        ClusterConsole.render(report, out);
        if (report.clusterCost() != null) {
            clusterCost(report.clusterCost(), out);
        }
        failures(report.failures(), out);
        return out.toString();
    }

    /** What a cluster pays that one JVM does not: moving each image to the node that filters it. */
    private static void clusterCost(Report.ClusterCost cost, StringBuilder out) {
        out.append("What the cluster pays per image (").append(Numbers.fixed(cost.bytesPerImage() / 1024, 1)).append(" KiB, ")
                .append(cost.serializer()).append("): serialize ").append(Numbers.fixed(cost.serializeUsPerImage(), 1))
                .append(" us, deserialize ").append(Numbers.fixed(cost.deserializeUsPerImage(), 1))
                .append(" us, round trip to another node ")
                .append(Double.isNaN(cost.roundTripUsPerImage()) ? "not measured (no other node left)" : Numbers.fixed(cost.roundTripUsPerImage(), 1) + " us")
                .append(NL);
    }

    /**
     * Rows of a fraction of a second (the default images/ gives 0.1 s) move by tens of per cent from one invocation
     * to the next on a busy machine, and the analysis under the table inherits that: say so, and what helps.
     */
    private static void shortRunsNote(List<RunResult> runs, StringBuilder out) {
        double shortest = runs.stream().mapToDouble(run -> run.speed().wallMs()).min().orElse(SHORT_RUN_MS);
        if (shortest < SHORT_RUN_MS) {
            out.append("Note: the shortest run took ").append(Numbers.duration(shortest))
                    .append("; runs under ").append(Numbers.duration(SHORT_RUN_MS))
                    .append(" can move by 10-20 % from one invocation to the next.").append(NL)
                    .append("For figures to compare, lengthen them (--min-row-time 1500, or without --repeat) and take medians over trials.")
                    .append(NL);
        }
    }

    /** Where {@code --control auto} put each run's control actors, which its label does not say. */
    private static void autoControl(List<RunResult> runs, StringBuilder out) {
        var auto = runs.stream().filter(run -> run.setup().controlSetting().equals("auto")).toList();
        if (auto.isEmpty()) {
            return;
        }
        out.append(NL).append("Control actors (auto):").append(NL);
        listed("  on the workers' dispatcher: ", labels(auto, "shared"), out);
        listed("  on a thread of their own: ", labels(auto, "own"), out);
    }

    private static List<String> labels(List<RunResult> runs, String control) {
        return runs.stream().filter(run -> run.setup().control().equals(control)).map(RunResult::label).toList();
    }

    /** {@code head} and the items, comma-separated, wrapped under the first item within the console's width. */
    private static void listed(String head, List<String> items, StringBuilder out) {
        if (items.isEmpty()) {
            return;
        }
        var line = new StringBuilder(head);
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i) + (i < items.size() - 1 ? "," : "");
            if (line.length() > head.length() && line.length() + 1 + item.length() > WIDTH) {
                out.append(line).append(NL);
                line = new StringBuilder(" ".repeat(head.length()));
            } else if (line.length() > head.length()) {
                line.append(' ');
            }
            line.append(item);
        }
        out.append(line).append(NL);
    }

    private static void runTable(List<RunResult> runs, StringBuilder out) {
        var table = comparisonTable(runs);
        var header = table.get(0);
        var rows = table.subList(1, table.size());
        int[] widths = new int[header.size()];
        table.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        line(header, widths, out);
        out.append("-".repeat(Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append(NL);
        for (int i = 0; i < runs.size(); i++) {
            line(rows.get(i), widths, out);
            List<NodeStats> nodes = runs.get(i).nodeStats();
            if (nodes != null && nodes.size() > 1) {
                nodes.forEach(n -> nodeLine(n, out));
            }
        }
    }

    /** The comparison table, its header first: the console's and report.html's. */
    static List<List<String>> comparisonTable(List<RunResult> runs) {
        boolean troubles = runs.stream().map(RunResult::counts)
                .anyMatch(c -> c.failed() + c.retried() + c.redelivered() + c.lost() + c.restarts() > 0);
        List<String> header = new ArrayList<>(List.of(
                "run", "mode", "dispatcher", "workers", "time", "img/s", "speedup", "eff", "CPU", "threads", "cores"));
        if (troubles) {
            header.addAll(List.of("failed", "retried", "lost", "restarts", "redelivered"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunResult r : runs) {
            var setup = r.setup();
            var speed = r.speed();
            List<String> row = new ArrayList<>(List.of(
                    r.label(), setup.kind().label(), setup.dispatcher(),
                    setup.workers() + (setup.nodes() > 1 ? "x" + setup.nodes() + "n" : ""),
                    Numbers.duration(speed.wallMs()),
                    Numbers.display(speed.imagesPerSec(), Numbers.COARSE),
                    Numbers.display(speed.speedup(), Numbers.SHORT_RATIO),
                    Numbers.display(speed.efficiency(), Numbers.SHORT_RATIO),
                    Numbers.percent(r.cpu().cpuLoadMean()),
                    String.valueOf(r.cpu().threadsSeen()),
                    String.valueOf(r.cpu().coresSeen())));
            if (troubles) {
                var counts = r.counts();
                row.addAll(List.of(String.valueOf(counts.failed()), String.valueOf(counts.retried()),
                        String.valueOf(counts.lost()), String.valueOf(counts.restarts()), String.valueOf(counts.redelivered())));
            }
            rows.add(row);
        }
        rows.add(0, header);
        return rows;
    }

    /** A node of a cluster row; one that died says so, and what it did is not measured (its report never came). */
    private static void nodeLine(NodeStats n, StringBuilder out) {
        out.append("    node ").append(n.address()).append("  pid ").append(n.pid());
        if (n.status().equals(NodeStats.DOWN)) {
            out.append("  DOWN").append(n.goneAtMs() == null ? "" : " at " + Numbers.duration(n.goneAtMs()))
                    .append(": died during the row, its images went to the other nodes; its figures were not measured").append(NL);
            return;
        }
        out.append("  images ").append(n.images())
                .append("  busy ").append(Numbers.duration(n.busyMs()))
                .append("  cpu ").append(Numbers.percent(n.cpuLoadMean()))
                .append(" mean / ").append(Numbers.percent(n.cpuLoadPeak())).append(" peak")
                .append(n.status().equals(NodeStats.LEFT) ? "  left" + (n.goneAtMs() == null ? "" : " at " + Numbers.duration(n.goneAtMs())) : "")
                .append(NL);
    }

    /**
     * Peaks of each actor run: images handed to workers and not finished, messages waiting in one
     * worker's mailbox (measured in push mode only), deliveries a full mailbox refused, heap still in
     * use after collections (what the queued images keep alive: the heap's peak includes garbage);
     * and how long push held reading back to keep the heap from running out.
     * Only when a push run is present: it is what push is compared with pull on.
     */
    private static void backpressure(List<RunResult> runs, StringBuilder out) {
        if (runs.stream().noneMatch(r -> "push".equals(r.setup().distribution()) || "stream".equals(r.setup().distribution()))) {
            return;
        }
        var table = new ArrayList<List<String>>();
        table.add(List.of("backpressure (peaks)", "in flight", "mailbox", "overflowed", "live heap MB", "reading held back"));
        runs.stream()
                .filter(r -> !RunSetup.NONE.equals(r.setup().distribution()))
                .forEach(r -> {
                    boolean push = "push".equals(r.setup().distribution());
                    table.add(List.of(r.label(), String.valueOf(r.backpressure().peakInFlight()),
                            push ? String.valueOf(r.backpressure().peakMailbox()) : "-",
                            String.valueOf(r.backpressure().overflowed()), Numbers.display(r.heap().liveHeapMb(), 1),
                            push ? Numbers.duration(r.backpressure().heldBackMs()) : "-"));
                });
        out.append(NL);
        alignedTable(table, out);
    }

    /** What each dispatcher ran on, e.g. "pinned: thread-pool-executor (PinnedDispatcher), 1, 2 threads for 1, 2 workers", and why where it is not obvious. */
    private static void dispatchers(Map<String, Report.Dispatcher> dispatchers, StringBuilder out) {
        if (dispatchers == null || dispatchers.isEmpty()) {
            return;
        }
        out.append(NL).append("Dispatchers:").append(NL);
        dispatchers.forEach((name, d) -> {
            out.append("  ").append(name).append(": ").append(d.runsOn());
            if (!d.type().equals("Dispatcher")) {
                out.append(" (").append(d.type()).append(')');
            }
            if (!d.threads().isEmpty()) {
                out.append(", ").append(d.threadsText());
            }
            if (d.throughput() != null) {
                out.append(", throughput ").append(d.throughput());
            }
            out.append(NL);
            if (d.note() != null) {
                out.append("    ").append(d.note()).append(NL);
            }
        });
    }

    /** Text columns (the first three) left-aligned, figures right-aligned. */
    private static void line(List<String> cells, int[] widths, StringBuilder out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String format = c < 3 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
            line.append(c == 0 ? "" : "  ").append(String.format(format, cells.get(c)));
        }
        out.append(line.toString().stripTrailing()).append(NL);
    }

    private static void analysis(Analysis a, StringBuilder out) {
        a.best().ifPresentOrElse(
                b -> out.append("Best configuration: ").append(b.label())
                        .append(": ").append(Numbers.display(b.imagesPerSec(), Numbers.COARSE)).append(" img/s")
                        .append(", speedup ").append(Numbers.display(b.speedup(), Numbers.SHORT_RATIO))
                        .append(", efficiency ").append(Numbers.display(b.efficiency(), Numbers.SHORT_RATIO)).append(NL),
                () -> out.append("Best configuration: none (no parallel run)").append(NL));
        if (!a.karpFlatt().isEmpty()) {
            out.append("Karp-Flatt serial fraction e = (1/S - 1/p) / (1 - 1/p), from the rows that can show one:").append(NL);
            int width = a.karpFlatt().stream().mapToInt(k -> k.label().length()).max().orElse(0);
            a.karpFlatt().forEach(k -> out.append(String.format("  %-" + width + "s  p=%-3d S=%-6s e=%s",
                    k.label(), k.p(), Numbers.display(k.speedup(), Numbers.SHORT_RATIO), Numbers.display(k.e(), Numbers.RATIO))).append(NL));
        }
        leftOut(a, out);
        if (!a.serialFractionKnown()) {
            out.append("Estimated serial fraction f: not measured (").append(Analysis.NOT_MEASURED_BECAUSE).append(")").append(NL);
            return;
        }
        out.append("Estimated serial fraction f = ").append(Numbers.display(a.serialFraction(), Numbers.RATIO))
                .append(" (median of e over ").append(a.karpFlatt().size()).append(a.karpFlatt().size() == 1 ? " row" : " rows")
                .append(", clamped to [0, 1])").append(NL);
        out.append("Amdahl bound: ").append(Numbers.display(a.amdahlAtCores(), Numbers.SHORT_RATIO)).append("x on this machine's ")
                .append(a.cores()).append(" cores, ")
                .append(Double.isInfinite(a.amdahlLimit()) ? "unbounded" : Numbers.display(a.amdahlLimit(), Numbers.SHORT_RATIO) + "x")
                .append(" as p -> infinity").append(NL);
    }

    /** The parallel rows the serial fraction leaves out, grouped by why: their losses are not a serial part of the work. */
    private static void leftOut(Analysis a, StringBuilder out) {
        for (var limit : Analysis.Limit.values()) {
            if (limit == Analysis.Limit.ONE_WORKER) {
                continue;
            }
            var labels = a.left().stream().filter(left -> left.limit() == limit).map(Analysis.LeftOut::label).toList();
            listed("  left out, limited by " + limit.reason() + ": ", labels, out);
        }
    }

    /** The most speedup this machine's cores gave when the rows ran, for the speedups above. */
    private static void coreScaling(CoreScaling scaling, StringBuilder out) {
        if (scaling == null) {
            return;
        }
        out.append("Core scaling: ").append(scaling.threads()).append(" threads of arithmetic in registers did ")
                .append(Numbers.display(scaling.speedup(), Numbers.SHORT_RATIO)).append("x one thread's work just before the rows").append(NL)
                .append("  (").append(Numbers.display(scaling.threads(), Numbers.SHORT_RATIO))
                .append(" on idle cores of their own): the most speedup any row could reach on this machine then").append(NL);
    }

    /** Mean microseconds per image in each part of the work, one row per run. */
    private static void breakdown(Report report, StringBuilder out) {
        var rows = TimeBreakdown.of(report.runs(), report.filters().size());
        if (rows.isEmpty()) {
            return;
        }
        var header = new ArrayList<String>(List.of("where the time goes (us/image)", "decode"));
        header.addAll(report.filters());
        header.addAll(List.of("other", "between", "idle"));
        var table = new ArrayList<List<String>>();
        table.add(header);
        for (var row : rows) {
            var cells = new ArrayList<String>(List.of(row.label(), Numbers.display(row.decodeUs(), 0)));
            row.filterUs().forEach(us -> cells.add(Numbers.display(us, 0)));
            cells.add(Numbers.display(row.otherUs(), 0));
            cells.add(Numbers.display(row.betweenUs(), 0));
            cells.add(Numbers.display(row.idleUs(), 0));
            table.add(cells);
        }
        out.append(NL);
        alignedTable(table, out);
    }

    /**
     * How often per image this JVM's threads waited and how often the OS took a core from one of them:
     * on busy cores each wake-up of an extra thread (control, reader) is a worker switched out.
     */
    private static void switches(List<RunResult> runs, StringBuilder out) {
        if (runs.stream().noneMatch(run -> Double.isFinite(run.cpu().involuntarySwitchesPerImage()))) {
            return;
        }
        var table = new ArrayList<List<String>>();
        table.add(List.of("thread switches per image", "waited", "preempted"));
        for (var run : runs) {
            table.add(List.of(run.label(), Numbers.display(run.cpu().voluntarySwitchesPerImage(), 1),
                    Numbers.display(run.cpu().involuntarySwitchesPerImage(), 1)));
        }
        out.append(NL);
        alignedTable(table, out);
    }

    /**
     * Heap allocated per image (per pixel, to compare images of any size: a few bytes per pixel means
     * no copy beyond the planes the filters need), the peak heap in use, and the peak heap still in use
     * after a garbage collection: the last stays flat over any --repeat when memory is bounded.
     */
    private static void memory(List<RunResult> runs, StringBuilder out) {
        var table = new ArrayList<List<String>>();
        table.add(List.of("memory", "alloc B/px", "alloc KiB/image", "heap peak MB", "live heap MB"));
        for (var run : runs) {
            var measured = run.imageTimings() == null ? List.<ImageTiming>of()
                    : run.imageTimings().stream().filter(ImageTiming::allocationKnown).toList();
            long bytes = measured.stream().mapToLong(ImageTiming::allocatedBytes).sum();
            long pixels = measured.stream().mapToLong(ImageTiming::pixels).sum();
            table.add(List.of(run.label(),
                    pixels == 0 ? "-" : Numbers.fixed((double) bytes / pixels, 1),
                    measured.isEmpty() ? "-" : Numbers.fixed(bytes / 1024.0 / measured.size(), 0),
                    Numbers.fixed(run.heap().peakHeapMb(), 0),
                    Numbers.display(run.heap().liveHeapMb(), 0)));
        }
        out.append(NL);
        alignedTable(table, out);
    }

    /** Rows of cells, the first column left-aligned, the others right-aligned, two spaces apart. */
    static void alignedTable(List<List<String>> table, StringBuilder out) {
        int[] widths = new int[table.stream().mapToInt(List::size).max().orElse(0)];
        table.forEach(cells -> {
            for (int c = 0; c < cells.size(); c++) {
                widths[c] = Math.max(widths[c], cells.get(c).length());
            }
        });
        for (var cells : table) {
            var line = new StringBuilder(String.format("%-" + widths[0] + "s", cells.get(0)));
            for (int c = 1; c < cells.size(); c++) {
                line.append("  ").append(String.format("%" + widths[c] + "s", cells.get(c)));
            }
            out.append(line.toString().stripTrailing()).append(NL);
        }
    }

    private static void failures(List<Failure> failures, StringBuilder out) {
        if (failures == null || failures.isEmpty()) {
            return;
        }
        out.append(NL).append("Failures (").append(failures.size()).append("):").append(NL);
        failures.forEach(f -> out.append("  ").append(f.file()).append(": ").append(f.reason()).append(NL));
    }
}
