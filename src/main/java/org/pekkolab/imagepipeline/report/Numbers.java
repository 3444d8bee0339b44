package org.pekkolab.imagepipeline.report;

import java.util.Locale;
import java.util.Set;

/**
 * Precision and formatting shared by {@code report.json}, the CSV files and the console, so that all
 * outputs of one run show the same figures. Always {@link Locale#ROOT}: a decimal comma would break CSV.
 */
final class Numbers {

    /** Decimals for times, sizes and rates: below 0.1 ms or 0.1 img/s a figure is timer noise. */
    static final int COARSE = 1;

    /** Decimals for ratios in files: speedup, efficiency, CPU load, serial fractions. */
    static final int RATIO = 3;

    /** Decimals for ratios read by people, where the third decimal is noise. */
    static final int SHORT_RATIO = 2;

    private static final Set<String> COARSE_PROPERTIES = Set.of("wallMs", "busyMs", "gcMs", "heldBackMs", "peakHeapMb", "liveHeapMb", "imagesPerSec");

    private Numbers() {}

    /** Decimals kept for a measured property, by its JSON/CSV name. */
    static int decimals(String property) {
        return COARSE_PROPERTIES.contains(property) ? COARSE : RATIO;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Fixed-point text, or the empty string for NaN and infinities (an empty CSV cell). */
    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "";
    }

    /** Fixed-point text for people: a dash where a figure is undefined. */
    static String display(double value, int decimals) {
        return Double.isFinite(value) ? fixed(value, decimals) : "-";
    }

    /** Milliseconds below one second, seconds above, as people read durations. */
    static String duration(double ms) {
        return ms < 1000 ? display(ms, COARSE) + " ms" : display(ms / 1000, SHORT_RATIO) + " s";
    }

    /** A 0..1 fraction as a whole percentage. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f%%", fraction * 100) : "-";
    }
}
