package org.pekkolab.imagepipeline.report;

import java.util.ArrayList;
import java.util.List;
import org.pekkolab.imagepipeline.metrics.RunResult;

/**
 * Where a run's worker time went, per image on average: decoding, each filter, the rest of the
 * per-image work (saving, the core probe), and the time workers were not working on an image
 * (messaging, waiting for work, reading files in the plain loops, the tail of the run). The
 * last is what parallelism and the actor layer cost: wall time x workers minus busy time.
 *
 * @param filterUs one entry per filter, in chain order
 */
public record TimeBreakdown(String label, double decodeUs, List<Double> filterUs, double otherUs, double idleUs) {

    /** Empty for a run without per-image timings. */
    public static List<TimeBreakdown> of(List<RunResult> runs, int filters) {
        var result = new ArrayList<TimeBreakdown>();
        for (var run : runs) {
            var timings = run.imageTimings();
            if (timings == null || timings.isEmpty()) {
                continue;
            }
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
            double workerTimeUs = run.wallMs() * 1000.0 * Analysis.processingUnits(run);
            result.add(new TimeBreakdown(run.label(), decode / n, filterMeans, (total - decode - filtered) / n,
                    Math.max(0, workerTimeUs - total) / n));
        }
        return result;
    }
}
