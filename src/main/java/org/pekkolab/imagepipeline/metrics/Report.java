package org.pekkolab.imagepipeline.metrics;

import java.util.List;

/** Everything one invocation measured: what {@code report.json} holds. */
public record Report(
        Host host,
        Input input,
        List<String> filters,
        Baseline baseline,
        List<RunResult> runs,
        List<Failure> failures) {

    public record Host(int cores, String java, long pid, String os, long maxHeapMb) {}

    /** @param images images fed per run (files times repeat) */
    public record Input(String dir, int files, int repeat, int images) {}

    public record Baseline(double wallMs, double imagesPerSec) {}
}
