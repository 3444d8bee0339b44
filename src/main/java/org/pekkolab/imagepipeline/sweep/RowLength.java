package org.pekkolab.imagepipeline.sweep;

import java.time.Duration;

/**
 * How many times each row feeds the input. A row of a tenth of a second measures the machine's
 * noise more than the work, so with a minimum row time every row takes the input as many times as
 * it needs to last that long, judged from sequential passes timed just before the rows (then from
 * the baseline row, if it was faster) and the row's parallelism (its workers, at most the cores),
 * and in later trials from what the row itself ran at ({@link RowRates}); never fewer times than
 * {@code --repeat}.
 * Rows of one invocation may then differ in images: throughput and speedup are per image.
 *
 * @param inputs the images of the input
 * @param repeat the passes {@code --repeat} asks for, at least
 * @param minimum the time a row should last at least; zero for rows of {@code repeat} passes
 * @param sequentialImagesPerSec what one thread processed in the timed pass; NaN when not timed
 * @param cores the cores the rows share
 */
record RowLength(int inputs, int repeat, Duration minimum, double sequentialImagesPerSec, int cores) {

    /** The images a calibration pass takes: the input, or its first images where it is large. */
    static final int CALIBRATION_IMAGES = 64;

    /** Calibration passes go on this long at least, the fastest one counting. */
    static final Duration CALIBRATION_TIME = Duration.ofMillis(250);

    /** Rows of exactly {@code repeat} passes. */
    static RowLength fixed(int inputs, int repeat) {
        return new RowLength(inputs, repeat, Duration.ZERO, Double.NaN, 1);
    }

    /**
     * The same rows judged from {@code imagesPerSec} where one thread was seen faster than that (the
     * baseline row, long and warm, after the calibration pass): rows sized from a slow pass run short.
     */
    RowLength faster(double imagesPerSec) {
        return imagesPerSec > sequentialImagesPerSec || Double.isNaN(sequentialImagesPerSec) && timed()
                ? new RowLength(inputs, repeat, minimum, imagesPerSec, cores) : this;
    }

    /** Whether the rows are sized by time, which takes a timed pass first. */
    boolean timed() {
        return !minimum.isZero();
    }

    /** The passes over the input of a row that runs {@code parallelism} images at once. */
    int passes(int parallelism) {
        return passes(parallelism, Double.NaN);
    }

    /** The images of such a row. */
    int images(int parallelism) {
        return inputs * passes(parallelism);
    }

    /**
     * The passes of a row that ran at {@code measuredImagesPerSec} before (NaN for a row not run yet):
     * enough for the minimum at the faster of that and the sequential rate times its parallelism.
     */
    int passes(int parallelism, double measuredImagesPerSec) {
        double fromPasses = sequentialImagesPerSec * Math.max(1, Math.min(parallelism, cores));
        double expected = measuredImagesPerSec > fromPasses ? measuredImagesPerSec : fromPasses;
        if (!timed() || !(expected > 0)) {
            return repeat;
        }
        return Math.max(repeat, (int) Math.ceil(minimum.toNanos() / 1e9 * expected / inputs));
    }
}
