package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.RunResult;

/**
 * Where a run's worker time went, per image on average: decoding, each filter, the rest of the
 * per-image work (saving, the core probe), what the processing threads did between images, and
 * the time they were not running at all. The last two are what parallelism and the actor layer
 * cost: wall time x workers minus busy time, split by the threads' CPU clocks.
 *
 * @param filterUs one entry per filter, in chain order
 * @param betweenUs CPU the processing threads spent between two of their images: message delivery
 *     and bookkeeping in the actor rows, reading the next file as well in the plain loops (the
 *     actors' reads run on threads of their own); NaN where the JVM does not measure thread CPU
 * @param idleUs the rest of wall time x workers: waiting for work, descheduled between images, the
 *     start and the tail of the run (with {@code betweenUs} in it where that is unknown)
 */
public record TimeBreakdown(String label, double decodeUs, List<Double> filterUs, double otherUs, double betweenUs, double idleUs) {

    /** Empty for a run without per-image timings. */
    public static List<TimeBreakdown> of(List<RunResult> runs, int filters) {
        var result = new ArrayList<TimeBreakdown>();
        for (var run : runs) {
            var timings = run.imageTimings();
            if (timings != null && !timings.isEmpty()) {
                result.add(of(run.label(), timings, run.speed().wallMs() * 1000.0 * Analysis.processingUnits(run), filters));
            }
        }
        return result;
    }

    /**
     * One row per node of a run, labelled by the node's address: its images and its workers' time
     * while it took part (from when it joined, or the start, to when it left or died, or the end).
     */
    public static List<TimeBreakdown> byNode(RunResult run, int filters) {
        var result = new ArrayList<TimeBreakdown>();
        for (var node : run.nodeStats()) {
            var timings = run.imageTimings().stream().filter(timing -> timing.node().equals(node.address())).toList();
            double from = node.joinedAtMs() == null ? 0 : node.joinedAtMs();
            double to = node.goneAtMs() == null ? run.speed().wallMs() : node.goneAtMs();
            if (!timings.isEmpty()) {
                result.add(of(node.address(), timings, Math.max(0, to - from) * 1000.0 * run.setup().workers(), filters));
            }
        }
        return result;
    }

    /** @param workerTimeUs wall time x workers of the processing threads these timings came from */
    private static TimeBreakdown of(String label, List<ImageTiming> timings, double workerTimeUs, int filters) {
        int n = timings.size();
        double decode = 0;
        double total = 0;
        var perFilter = new double[filters];
        for (var timing : timings) {
            decode += timing.decodeMicros();
            total += timing.totalMicros();
            for (int f = 0; f < Math.min(filters, timing.filterMicros().size()); f++) {
                perFilter[f] += timing.filterMicros().get(f);
            }
        }
        double filtered = 0;
        var filterMeans = new ArrayList<Double>(filters);
        for (double sum : perFilter) {
            filterMeans.add(sum / n);
            filtered += sum;
        }
        double between = betweenImagesMicros(timings);
        double notBusy = Math.max(0, workerTimeUs - total - (Double.isNaN(between) ? 0 : between));
        return new TimeBreakdown(label, decode / n, filterMeans, (total - decode - filtered) / n, between / n, notBusy / n);
    }

    /**
     * The CPU each processing thread spent from the end of one of its images to the start of its
     * next, summed over threads (a thread's images in the order of its CPU clock); NaN when a
     * timing lacks the clock.
     */
    private static double betweenImagesMicros(List<ImageTiming> timings) {
        if (!timings.stream().allMatch(ImageTiming::cpuKnown)) {
            return Double.NaN;
        }
        long nanos = 0;
        var byThread = timings.stream().collect(Collectors.groupingBy(timing -> timing.node() + " " + timing.thread()));
        for (var own : byThread.values()) {
            var inOrder = own.stream().sorted(Comparator.comparingLong(ImageTiming::cpuAtStartNanos)).toList();
            for (int i = 1; i < inOrder.size(); i++) {
                nanos += Math.max(0, inOrder.get(i).cpuAtStartNanos() - inOrder.get(i - 1).cpuAtEndNanos());
            }
        }
        return nanos / 1000.0;
    }
}
