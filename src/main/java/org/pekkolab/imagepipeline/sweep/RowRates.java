package org.pekkolab.imagepipeline.sweep;

import java.util.HashMap;
import java.util.Map;

/**
 * What each row processed per second in the trials so far, by label: a row sized from the
 * sequential passes alone ends short when it runs faster than they said, so later trials size each
 * row from what that row itself measured. One per invocation, shared by its trials.
 */
public final class RowRates {

    private final Map<String, Double> imagesPerSec = new HashMap<>();

    /** The fastest the row of {@code label} ran so far; NaN before its first trial. */
    double of(String label) {
        return imagesPerSec.getOrDefault(label, Double.NaN);
    }

    void record(String label, double rate) {
        if (rate > 0 && Double.isFinite(rate)) {
            imagesPerSec.merge(label, rate, Math::max);
        }
    }
}
