package org.pekkolab.imagepipeline.results;

import java.util.List;

/** What one filter worker did in one run. */
public record WorkerStats(String worker, String node, int images, double busyMs, List<String> threads, List<Integer> cores) {}
