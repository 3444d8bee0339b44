package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * What one JVM did in one run.
 *
 * @param cpuLoadMean process CPU time over wall time and available cores, 0..1
 * @param cpuLoadPeak the highest sampled interval of the same measure
 * @param peakHeapMb the most heap in use at a sample, garbage included
 * @param liveHeapMb the most heap still in use right after a garbage collection during the run: what
 *     the run kept alive; 0 when no collection happened
 * @param status {@code up}; {@code left} for a node that left the cluster during the run (its figures
 *     are what it reported when it left); {@code down} for a node that died during the run (its
 *     figures are what the supervisor saw of it: images and busy time, no CPU or heap); {@code no
 *     report} for a live node whose report did not arrive in time
 * @param joinedAtMs when a node that joined during the run had its workers started, in ms from the
 *     run's start; null for a node that was there from the start
 * @param goneAtMs when a node that left or died was known to be gone, in ms from the run's start; null
 *     for a node that stayed
 * @param jvm where the JVM's CPU went beside the images, its thread switches and JIT time; not measured
 *     for a node that did not report
 * @param cpuLoad the CPU load of each sampling interval, at its end; empty for a node that did not report
 * @param clock how the node's clock was put on the run's time line; null where it was not measured
 */
public record NodeStats(
        String address,
        long pid,
        int images,
        double busyMs,
        double cpuLoadMean,
        double cpuLoadPeak,
        double peakHeapMb,
        double liveHeapMb,
        double gcMs,
        int threads,
        int cores,
        String status,
        Double joinedAtMs,
        Double goneAtMs,
        JvmActivity jvm,
        List<Sample> cpuLoad,
        ClockOffset clock) {

    /**
     * How far the node's clock is ahead of the coordinator's, measured as NTP does: the node's time
     * read between a request and its reply, compared with the midpoint of the two, from the exchange
     * of several that took least time. The true offset is within {@code uncertaintyMicros} (half that
     * round trip) of {@code offsetMicros}.
     */
    public record ClockOffset(long offsetMicros, long uncertaintyMicros) {}

    public static final String UP = "up";
    public static final String LEFT = "left";
    public static final String DOWN = "down";
    public static final String NO_REPORT = "no report";

    /** What a node's metrics actor measured: a node that stayed from the start to the end. */
    public NodeStats(String address, long pid, int images, double busyMs, double cpuLoadMean, double cpuLoadPeak, double peakHeapMb,
            double liveHeapMb, double gcMs, int threads, int cores) {
        this(address, pid, images, busyMs, cpuLoadMean, cpuLoadPeak, peakHeapMb, liveHeapMb, gcMs, threads, cores, UP, null, null,
                JvmActivity.NOT_MEASURED, List.of(), null);
    }

    public NodeStats withStatus(String newStatus) {
        return new NodeStats(address, pid, images, busyMs, cpuLoadMean, cpuLoadPeak, peakHeapMb, liveHeapMb, gcMs, threads, cores, newStatus,
                joinedAtMs, goneAtMs, jvm, cpuLoad, clock);
    }

    /** With when the node joined and left the run, in ms from its start; NaN for not at all. */
    public NodeStats withMembership(double joined, double gone) {
        return new NodeStats(address, pid, images, busyMs, cpuLoadMean, cpuLoadPeak, peakHeapMb, liveHeapMb, gcMs, threads, cores, status,
                orNull(joined), orNull(gone), jvm, cpuLoad, clock);
    }

    public NodeStats withJvm(JvmActivity activity) {
        return new NodeStats(address, pid, images, busyMs, cpuLoadMean, cpuLoadPeak, peakHeapMb, liveHeapMb, gcMs, threads, cores, status,
                joinedAtMs, goneAtMs, activity, cpuLoad, clock);
    }

    public NodeStats withCpuLoad(List<Sample> samples) {
        return new NodeStats(address, pid, images, busyMs, cpuLoadMean, cpuLoadPeak, peakHeapMb, liveHeapMb, gcMs, threads, cores, status,
                joinedAtMs, goneAtMs, jvm, List.copyOf(samples), clock);
    }

    /** On the run's time line: its clock's offset, and its samples moved by it. */
    public NodeStats withClock(ClockOffset offset) {
        var onRunClock = cpuLoad.stream().map(sample -> sample.shifted(-offset.offsetMicros())).toList();
        return new NodeStats(address, pid, images, busyMs, cpuLoadMean, cpuLoadPeak, peakHeapMb, liveHeapMb, gcMs, threads, cores, status,
                joinedAtMs, goneAtMs, jvm, onRunClock, offset);
    }

    static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** A node known only from the images it finished: one that died or did not report. */
    public static NodeStats fromTimings(String address, long pid, String status, List<ImageTiming> timings) {
        var own = timings.stream().filter(timing -> timing.node().equals(address)).toList();
        return new NodeStats(
                address,
                pid,
                own.size(),
                own.stream().mapToLong(ImageTiming::totalMicros).sum() / 1_000.0,
                0,
                0,
                0,
                0,
                0,
                (int) own.stream().map(ImageTiming::thread).distinct().count(),
                (int) own.stream().map(ImageTiming::core).filter(core -> core >= 0).distinct().count(),
                status,
                null,
                null,
                JvmActivity.NOT_MEASURED,
                List.of(),
                null);
    }
}
