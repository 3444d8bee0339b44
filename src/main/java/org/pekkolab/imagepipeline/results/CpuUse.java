package org.pekkolab.imagepipeline.results;

/**
 * How a run used the machine's cores and threads.
 *
 * @param cpuLoadMean the nodes' mean CPU load, 0..1 each, summed over nodes
 * @param threadsSeen distinct threads that ran filter work
 * @param coresSeen distinct CPU cores those threads were seen on
 * @param voluntarySwitchesPerImage times per image this JVM's threads waited (parked, blocked) during the
 *     run; NaN where unknown (not Linux, cluster runs)
 * @param involuntarySwitchesPerImage times per image the OS took a core from one of this JVM's threads
 *     for another thread; NaN where unknown
 */
public record CpuUse(double cpuLoadMean, int threadsSeen, int coresSeen, double voluntarySwitchesPerImage, double involuntarySwitchesPerImage) {}
