package org.pekkolab.imagepipeline.results;

/**
 * The heap a run used, summed over its nodes.
 *
 * @param peakHeapMb the most heap in use at a sample, garbage included
 * @param liveHeapMb the most heap still in use right after a garbage collection: what the run kept alive
 */
public record HeapUse(double peakHeapMb, double liveHeapMb) {}
