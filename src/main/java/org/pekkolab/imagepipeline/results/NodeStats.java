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
 * @param status {@code up}; {@code down} for a node that died during the run (its figures are
 *     what the supervisor saw of it: images and busy time, no CPU or heap); {@code no report}
 *     for a live node whose report did not arrive in time
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
        String status) {

    public static final String UP = "up";

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
                status);
    }
}
