package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/** Per channel 3x3 Gaussian [1 2 1; 2 4 2; 1 2 1] with {@code round(sum / 16) = (sum + 8) >> 4}, reflect-101 borders. */
public final class GaussianBlur implements ImageFilter {

    public static final String NAME = "blur";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RasterImage apply(RasterImage input) {
        return Convolution3x3.map(BlurKernel.INSTANCE, input);
    }

    /** The kernel as {@link Convolution3x3} runs it, kept out of this class's public API. */
    private enum BlurKernel implements Convolution3x3.Kernel {
        INSTANCE;

        /**
         * Slides a window of vertical column sums {@code top + 2 mid + bottom}, so each pixel loads 3 samples
         * and the loop has no border branches.
         */
        @Override
        public void interior(byte[] s, byte[] d, int up, int mid, int dn, int w) {
            int left = (s[up] & 0xFF) + 2 * (s[mid] & 0xFF) + (s[dn] & 0xFF);
            int centre = (s[up + 1] & 0xFF) + 2 * (s[mid + 1] & 0xFF) + (s[dn + 1] & 0xFF);
            for (int x = 1; x < w - 1; x++) {
                int right = (s[up + x + 1] & 0xFF) + 2 * (s[mid + x + 1] & 0xFF) + (s[dn + x + 1] & 0xFF);
                d[mid + x] = (byte) ((left + 2 * centre + right + 8) >> 4);
                left = centre;
                centre = right;
            }
        }

        @Override
        public void simdInterior(byte[] s, byte[] d, int up, int mid, int dn, int w, short[] sums) {
            VectorKernels.blurRow(s, d, up, mid, dn, w, sums);
        }

        @Override
        public int at(byte[] s, int up, int mid, int dn, int l, int c, int r) {
            int top = (s[up + l] & 0xFF) + 2 * (s[up + c] & 0xFF) + (s[up + r] & 0xFF);
            int centre = (s[mid + l] & 0xFF) + 2 * (s[mid + c] & 0xFF) + (s[mid + r] & 0xFF);
            int bottom = (s[dn + l] & 0xFF) + 2 * (s[dn + c] & 0xFF) + (s[dn + r] & 0xFF);
            return (top + 2 * centre + bottom + 8) >> 4;
        }
    }
}
