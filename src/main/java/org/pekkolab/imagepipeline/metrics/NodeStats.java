package org.pekkolab.imagepipeline.metrics;

/**
 * What one JVM did in one run.
 *
 * @param cpuLoadMean process CPU time over wall time and available cores, 0..1
 * @param cpuLoadPeak the highest sampled interval of the same measure
 */
public record NodeStats(
        String address,
        long pid,
        int images,
        double busyMs,
        double cpuLoadMean,
        double cpuLoadPeak,
        double peakHeapMb,
        double gcMs,
        int threads,
        int cores) {}
