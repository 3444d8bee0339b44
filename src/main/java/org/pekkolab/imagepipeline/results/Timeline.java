package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * When a run happened, for the views that draw it over time (report.html, trace.json); every time of
 * a run (its images' {@link ImageTiming#startedAtMicros}, its nodes' samples) is on the same clock.
 *
 * @param startedAtMicros when the run's clock started, in µs since the epoch on the coordinator's clock
 * @param inFlight actor runs: the images handed to workers and not yet finished, over time; empty for
 *     plain runs
 */
public record Timeline(long startedAtMicros, List<Sample> inFlight) {}
