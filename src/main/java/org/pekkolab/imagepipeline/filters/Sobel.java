package org.pekkolab.imagepipeline.filters;

import java.util.Arrays;
import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Sobel gradient magnitude, min-max normalised to [0, 255] over the whole image (gray output; RGB input is made
 * gray first with {@link Grayscale}'s formula).
 * <p>
 * The first pass stores the exact integer {@code gx^2 + gy^2} (at most 2 * 1020^2, fits an int) and its extremes.
 * {@code Math.sqrt} is correctly rounded and monotonic, so {@code sqrt(min)} and {@code sqrt(max)} are exactly the
 * extremes of the double magnitudes and the output level is a non-decreasing function of the squared magnitude;
 * the second pass evaluates the defining expression bit for bit, per pixel or through a table of it.
 */
public final class Sobel implements ImageFilter {

    public static final String NAME = "sobel";

    /** Use the table when it has at most this many entries per pixel: filling it costs far less than a sqrt. */
    private static final int TABLE_ENTRIES_PER_PIXEL = 64;

    /** Below this many pixels the 255 threshold searches that build the table are not worth it. */
    private static final int TABLE_MIN_PIXELS = 4096;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RasterImage apply(RasterImage input) {
        int w = input.width();
        int h = input.height();
        var gray = Grayscale.grayPlane(input);
        var squared = Scratch.ints(gray.length);
        var range = squaredMagnitudes(gray, squared, w, h);
        var out = new byte[gray.length];
        if (range.min() == range.max()) {
            return RasterImage.gray(w, h, out);
        }
        long tableSize = (long) range.max() - range.min() + 1;
        if (out.length >= TABLE_MIN_PIXELS && tableSize <= (long) TABLE_ENTRIES_PER_PIXEL * out.length) {
            normaliseByTable(squared, out, range.min(), range.max());
        } else {
            normaliseDirect(squared, out, range.min(), range.max());
        }
        return RasterImage.gray(w, h, out);
    }

    /** Smallest and largest squared magnitude of an image. */
    record Range(int min, int max) {
    }

    /** Fills {@code sq} with {@code gx^2 + gy^2} and finds its extremes, in SIMD lanes where they run. */
    private static Range squaredMagnitudes(byte[] s, int[] sq, int w, int h) {
        return Simd.ENABLED && w > 1 ? VectorKernels.sobelSquared(s, sq, w, h) : scalarSquaredMagnitudes(s, sq, w, h);
    }

    /**
     * Fills {@code sq} with {@code gx^2 + gy^2}. Same split as {@link Convolution3x3}: edge columns through
     * {@link #at}, the interior, from copies of the three source rows, slides windows of vertical sums
     * {@code top + 2 mid + bottom} (for gx) and differences {@code bottom - top} (for gy).
     */
    private static Range scalarSquaredMagnitudes(byte[] s, int[] sq, int w, int h) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        var top = new byte[w];
        var centre = new byte[w];
        var bottom = new byte[w];
        for (int y = 0; y < h; y++) {
            int up = Reflect101.index(y - 1, h) * w;
            int mid = y * w;
            int dn = Reflect101.index(y + 1, h) * w;
            int first = at(s, up, mid, dn, Reflect101.index(-1, w), 0, Reflect101.index(1, w));
            sq[mid] = first;
            min = Math.min(min, first);
            max = Math.max(max, first);
            if (w == 1) {
                continue;
            }
            int last = at(s, up, mid, dn, w - 2, w - 1, Reflect101.index(w, w));
            sq[mid + w - 1] = last;
            min = Math.min(min, last);
            max = Math.max(max, last);
            System.arraycopy(s, up, top, 0, w);
            System.arraycopy(s, mid, centre, 0, w);
            System.arraycopy(s, dn, bottom, 0, w);
            int sumLeft = (top[0] & 0xFF) + 2 * (centre[0] & 0xFF) + (bottom[0] & 0xFF);
            int diffLeft = (bottom[0] & 0xFF) - (top[0] & 0xFF);
            int sumCentre = (top[1] & 0xFF) + 2 * (centre[1] & 0xFF) + (bottom[1] & 0xFF);
            int diffCentre = (bottom[1] & 0xFF) - (top[1] & 0xFF);
            for (int x = 1; x < w - 1; x++) {
                int above = top[x + 1] & 0xFF;
                int below = bottom[x + 1] & 0xFF;
                int sumRight = above + 2 * (centre[x + 1] & 0xFF) + below;
                int diffRight = below - above;
                int gx = sumRight - sumLeft;
                int gy = diffLeft + 2 * diffCentre + diffRight;
                int v = gx * gx + gy * gy;
                sq[mid + x] = v;
                // New extremes are rare, so these branches predict well and cost less than two cmovs per pixel.
                if (v > max) {
                    max = v;
                }
                if (v < min) {
                    min = v;
                }
                sumLeft = sumCentre;
                sumCentre = sumRight;
                diffLeft = diffCentre;
                diffCentre = diffRight;
            }
        }
        return new Range(min, max);
    }

    /** gx = [-1 0 1; -2 0 2; -1 0 1], gy = its transpose; returns gx^2 + gy^2. */
    static int at(byte[] s, int up, int mid, int dn, int l, int c, int r) {
        int gx = (s[up + r] & 0xFF) - (s[up + l] & 0xFF)
                + 2 * ((s[mid + r] & 0xFF) - (s[mid + l] & 0xFF))
                + (s[dn + r] & 0xFF) - (s[dn + l] & 0xFF);
        int gy = (s[dn + l] & 0xFF) + 2 * (s[dn + c] & 0xFF) + (s[dn + r] & 0xFF)
                - (s[up + l] & 0xFF) - 2 * (s[up + c] & 0xFF) - (s[up + r] & 0xFF);
        return gx * gx + gy * gy;
    }

    /**
     * The defined level {@code floor((m - min) * 255 / (max - min) + 0.5)} of {@code m = sqrt(squared)}; the cast
     * floors because the value is never negative.
     */
    private static int level(int squared, double min, double range) {
        return (int) ((Math.sqrt(squared) - min) * 255 / range + 0.5);
    }

    /**
     * One sqrt and one division per pixel, for the first {@code out.length} entries. Requires
     * {@code minSq < maxSq}.
     */
    static void normaliseDirect(int[] sq, byte[] out, int minSq, int maxSq) {
        double min = Math.sqrt(minSq);
        double range = Math.sqrt(maxSq) - min;
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) level(sq[i], min, range);
        }
    }

    /**
     * One table load per pixel, for the first {@code out.length} entries. The level is non-decreasing in the
     * squared magnitude, so the table over {@code [minSq, maxSq]} is 256 runs. Each run starts at the first
     * squared magnitude whose exact {@link #level} reaches {@code k}: inverting the defining expression in doubles
     * lands within a step or two of it, and walking from there with {@link #level} itself makes it exact.
     * Requires {@code minSq < maxSq}.
     */
    static void normaliseByTable(int[] sq, byte[] out, int minSq, int maxSq) {
        double min = Math.sqrt(minSq);
        double range = Math.sqrt(maxSq) - min;
        var table = Scratch.bytes(maxSq - minSq + 1);
        int runStart = 0;
        for (int k = 1; k <= 255; k++) {
            double root = min + (k - 0.5) * range / 255;
            int lo = minSq + runStart;
            int start = (int) Math.max(lo, Math.min(maxSq, Math.ceil(root * root)));
            while (start > lo && level(start - 1, min, range) >= k) {
                start--;
            }
            while (level(start, min, range) < k) {
                start++;
            }
            int runEnd = start - minSq;
            Arrays.fill(table, runStart, runEnd, (byte) (k - 1));
            runStart = runEnd;
        }
        Arrays.fill(table, runStart, maxSq - minSq + 1, (byte) 255);
        for (int i = 0; i < out.length; i++) {
            out[i] = table[sq[i] - minSq];
        }
    }

    /**
     * Per-thread scratch buffers, reused from image to image so that the squared magnitudes (4 bytes a pixel) and
     * the table (up to 2 MB) are not allocated and zeroed for every image. Both are fully written before they are
     * read. Buffers above {@link #RETAINED_MAX} entries are allocated per call so that one huge image does not pin
     * its buffers to a worker thread for good.
     */
    private static final class Scratch {

        private static final int RETAINED_MAX = 1 << 22;

        private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

        private int[] ints = new int[0];
        private byte[] bytes = new byte[0];

        static int[] ints(int length) {
            if (length > RETAINED_MAX) {
                return new int[length];
            }
            var scratch = CURRENT.get();
            if (scratch.ints.length < length) {
                scratch.ints = new int[length];
            }
            return scratch.ints;
        }

        static byte[] bytes(int length) {
            if (length > RETAINED_MAX) {
                return new byte[length];
            }
            var scratch = CURRENT.get();
            if (scratch.bytes.length < length) {
                scratch.bytes = new byte[length];
            }
            return scratch.bytes;
        }
    }
}
