package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * One configuration of the sweep, measured. {@code speedup} is relative to the sequential baseline.
 *
 * @param distribution {@code pull} or {@code push} for actor runs, {@code -} otherwise
 * @param retried attempts beyond the first, summed over all images
 * @param redelivered images handed to another worker because the worker or node that held them went away
 * @param restarts supervision events, one per failed attempt whatever the strategy: a restart, a
 *     resume, a back-off restart, or a stop and its replacement
 * @param reads where the actor run's image readers ran ({@code blocking}, {@code cpu}, {@code virtual}), {@code -} otherwise
 * @param control where the actor run's control actors worked ({@code shared}, {@code own}), {@code -} otherwise
 * @param controlSetting the setting that put them there ({@code auto}, {@code shared}, {@code own}), {@code -} otherwise
 * @param overflowed push mode: deliveries refused by a full worker mailbox and sent again later
 * @param peakMailbox push mode: the most messages waiting in one worker's mailbox
 * @param peakHeapMb the most heap in use at a sample, garbage included, summed over nodes
 * @param liveHeapMb the most heap still in use right after a garbage collection, summed over nodes: what
 *     the run kept alive
 * @param efficiency speedup per worker (workers times nodes)
 * @param efficiencyPerCore speedup per available core
 * @param threadsSeen distinct threads that ran filter work
 * @param coresSeen distinct CPU cores those threads were seen on
 * @param voluntarySwitchesPerImage times per image this JVM's threads waited (parked, blocked) during the
 *     run; NaN where unknown (not Linux, cluster runs)
 * @param involuntarySwitchesPerImage times per image the OS took a core from one of this JVM's threads
 *     for another thread; NaN where unknown
 */
public record RunResult(
        RunKind kind,
        String dispatcher,
        String distribution,
        String reads,
        String control,
        String controlSetting,
        int nodes,
        int workers,
        int images,
        int failed,
        int retried,
        int redelivered,
        int lost,
        int restarts,
        int peakInFlight,
        int overflowed,
        int peakMailbox,
        double peakHeapMb,
        double liveHeapMb,
        double wallMs,
        double imagesPerSec,
        double speedup,
        double efficiency,
        double efficiencyPerCore,
        double cpuLoadMean,
        int threadsSeen,
        int coresSeen,
        double voluntarySwitchesPerImage,
        double involuntarySwitchesPerImage,
        List<NodeStats> nodeStats,
        List<WorkerStats> workerStats,
        List<ImageTiming> imageTimings,
        List<Failure> failures) {

    /** Reads off the default blocking dispatcher are part of what a run is, e.g. {@code /cpu-reads}. */
    public String readsSuffix() {
        return readsSuffix(reads);
    }

    /** A control placement chosen by hand is part of what a run is, e.g. {@code /shared-control}; auto's is not. */
    public String controlSuffix() {
        return controlSuffix(controlSetting);
    }

    /** A short label for tables and charts, e.g. {@code single/fork-join/2w}, {@code single/fork-join/2w/push}. */
    public String label() {
        return switch (kind) {
            case SEQUENTIAL -> "sequential";
            case EXECUTOR -> "executor/" + workers + "w";
            case SINGLE, CLUSTER -> actorRunLabel(kind, dispatcher, workers, nodes, distribution, reads, controlSetting);
        };
    }

    /** The label of an actor run with these settings, also before it has run (the progress display). */
    public static String actorRunLabel(RunKind kind, String dispatcher, int workers, int nodes, String distribution, String reads,
            String controlSetting) {
        return kind.label() + "/" + dispatcher + "/" + workers + "w" + (nodes > 1 ? "x" + nodes + "n" : "")
                + ("push".equals(distribution) ? "/push" : "") + readsSuffix(reads) + controlSuffix(controlSetting);
    }

    private static String readsSuffix(String reads) {
        return "-".equals(reads) || "blocking".equals(reads) ? "" : "/" + reads + "-reads";
    }

    private static String controlSuffix(String controlSetting) {
        return "-".equals(controlSetting) || "auto".equals(controlSetting) ? "" : "/" + controlSetting + "-control";
    }
}
