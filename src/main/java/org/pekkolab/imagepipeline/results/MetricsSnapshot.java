package org.pekkolab.imagepipeline.results;

import java.util.List;

/** What one node's metrics actor measured over a run. */
public record MetricsSnapshot(NodeStats node, List<WorkerStats> workers) {}
