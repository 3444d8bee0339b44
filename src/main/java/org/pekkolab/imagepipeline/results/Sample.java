package org.pekkolab.imagepipeline.results;

/**
 * One point of a figure over time.
 *
 * @param atMicros when, in µs since the epoch on the run's time line (the coordinator's clock)
 */
public record Sample(long atMicros, double value) {

    public Sample shifted(long micros) {
        return micros == 0 ? this : new Sample(atMicros + micros, value);
    }
}
