package org.pekkolab.imagepipeline.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pekkolab.imagepipeline.probes.CoreSpeed;
import org.pekkolab.imagepipeline.results.ImageTiming;

/**
 * An image's thread CPU as it would have been on a core of average speed: its CPU times the mean
 * cost of the probe's work over the cores, divided by that cost on the image's own core, both taken
 * around the image's time ({@link CoreSpeed}). Two nodes whose worker threads each stayed on one
 * core of a VM whose cores ran at different speeds then compare as the JVMs they are.
 */
final class CoreAdjustedCpu {

    /** Probe samples this far either side of an image count for its time: about eight per core. */
    static final long WINDOW_MICROS = 2_000_000;

    /** Each core's samples: times ascending, CPU nanos in the same order. */
    private final Map<Integer, long[][]> byCore;

    private CoreAdjustedCpu(Map<Integer, long[][]> byCore) {
        this.byCore = byCore;
    }

    static CoreAdjustedCpu of(List<CoreSpeed.Sample> samples) {
        var grouped = samples.stream().collect(Collectors.groupingBy(CoreSpeed.Sample::core, TreeMap::new, Collectors.toList()));
        var byCore = new TreeMap<Integer, long[][]>();
        grouped.forEach((core, list) -> {
            var sorted = list.stream().sorted((a, b) -> Long.compare(a.atMicros(), b.atMicros())).toList();
            byCore.put(core, new long[][] {sorted.stream().mapToLong(CoreSpeed.Sample::atMicros).toArray(),
                    sorted.stream().mapToLong(CoreSpeed.Sample::cpuNanos).toArray()});
        });
        return new CoreAdjustedCpu(byCore);
    }

    /** The image's thread CPU in µs on a core of average speed; NaN where a core had no sample near it or its CPU is unknown. */
    double micros(ImageTiming timing) {
        if (!timing.cpuKnown() || byCore.size() < 2 || !byCore.containsKey(timing.core())) {
            return Double.NaN;
        }
        long at = timing.startedAtMicros() + timing.totalMicros() / 2;
        double sum = 0;
        double own = Double.NaN;
        for (var entry : byCore.entrySet()) {
            double cost = medianNear(entry.getValue(), at);
            if (Double.isNaN(cost)) {
                return Double.NaN;
            }
            sum += cost;
            if (entry.getKey() == timing.core()) {
                own = cost;
            }
        }
        return timing.cpuMicros() * (sum / byCore.size()) / own;
    }

    /** The median cost of the samples within the window around {@code at}; NaN for none. */
    private static double medianNear(long[][] series, long at) {
        long[] times = series[0];
        int from = lowerBound(times, at - WINDOW_MICROS);
        int to = lowerBound(times, at + WINDOW_MICROS + 1);
        return Analysis.median(Arrays.stream(series[1], from, to).asDoubleStream().sorted().toArray());
    }

    /** The first index whose time is at least {@code time}. */
    private static int lowerBound(long[] times, long time) {
        int found = Arrays.binarySearch(times, time);
        if (found < 0) {
            return -found - 1;
        }
        while (found > 0 && times[found - 1] == time) {
            found--;
        }
        return found;
    }
}
