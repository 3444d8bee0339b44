package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Per channel 3x3 [-2 -2 -2; -2 32 -2; -2 -2 -2] with {@code round(sum / 16) = (sum + 8) >> 4} (the arithmetic
 * shift floors negative sums, which is the definition's floor(x + 0.5)), saturated to [0, 255], reflect-101 borders.
 * <p>
 * With {@code c} the centre and {@code S} the sum of all 9 samples the kernel sum is {@code 34 c - 2 S}, so the
 * result is {@code (17 c - S + 4) >> 3} saturated, which {@link #level} computes without branches.
 */
public final class Sharpen implements ImageFilter {

    public static final String NAME = "sharpen";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RasterImage apply(RasterImage input) {
        return Convolution3x3.map(SharpenKernel.INSTANCE, input);
    }

    /** The kernel as {@link Convolution3x3} runs it, kept out of this class's public API. */
    private enum SharpenKernel implements Convolution3x3.Kernel {
        INSTANCE;

        /** Slides a window of vertical column sums; {@code S} is the sum of the three in the window. */
        @Override
        public void interior(byte[] s, byte[] d, int up, int mid, int dn, int w) {
            int left = (s[up] & 0xFF) + (s[mid] & 0xFF) + (s[dn] & 0xFF);
            int here = s[mid + 1] & 0xFF;
            int centre = (s[up + 1] & 0xFF) + here + (s[dn + 1] & 0xFF);
            for (int x = 1; x < w - 1; x++) {
                int next = s[mid + x + 1] & 0xFF;
                int right = (s[up + x + 1] & 0xFF) + next + (s[dn + x + 1] & 0xFF);
                d[mid + x] = (byte) level(17 * here - (left + centre + right));
                left = centre;
                centre = right;
                here = next;
            }
        }

        @Override
        public void simdInterior(byte[] s, byte[] d, int up, int mid, int dn, int w, short[] sums) {
            VectorKernels.sharpenRow(s, d, up, mid, dn, w, sums);
        }

        @Override
        public int at(byte[] s, int up, int mid, int dn, int l, int c, int r) {
            int all = (s[up + l] & 0xFF) + (s[up + c] & 0xFF) + (s[up + r] & 0xFF)
                    + (s[mid + l] & 0xFF) + (s[mid + c] & 0xFF) + (s[mid + r] & 0xFF)
                    + (s[dn + l] & 0xFF) + (s[dn + c] & 0xFF) + (s[dn + r] & 0xFF);
            return level(17 * (s[mid + c] & 0xFF) - all);
        }
    }

    /**
     * {@code (t + 4) >> 3} saturated to [0, 255] with masks rather than compares: measured faster than both
     * {@code Math.max/min} and a table on this loop.
     */
    static int level(int t) {
        int v = (t + 4) >> 3;
        int positive = v & ~(v >> 31);
        return (positive | ((255 - positive) >> 31)) & 0xFF;
    }
}
