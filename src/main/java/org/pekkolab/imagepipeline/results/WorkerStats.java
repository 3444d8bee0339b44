package org.pekkolab.imagepipeline.results;

import java.util.Comparator;
import java.util.List;

/** What one filter worker did in one run. */
public record WorkerStats(String worker, String node, int images, double busyMs, List<String> threads, List<Integer> cores) {

    /** Worker and thread names in the order people count: worker-2 before worker-10. */
    public static final Comparator<String> NAME_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
}
