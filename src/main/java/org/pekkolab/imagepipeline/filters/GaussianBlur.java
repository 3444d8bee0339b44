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
        return Planes.map(input, GaussianBlur::blur);
    }

    /**
     * Rows above and below come from reflect-101 once per row; the first and last column go through the per-pixel
     * definition {@link #at} with reflected column indices. The interior slides a window of vertical column sums
     * {@code top + 2 mid + bottom}, so each pixel loads 3 samples and the loop has no border branches.
     */
    private static void blur(byte[] s, byte[] d, int w, int h) {
        for (int y = 0; y < h; y++) {
            int up = Reflect101.index(y - 1, h) * w;
            int mid = y * w;
            int dn = Reflect101.index(y + 1, h) * w;
            d[mid] = (byte) at(s, up, mid, dn, Reflect101.index(-1, w), 0, Reflect101.index(1, w));
            if (w == 1) {
                continue;
            }
            d[mid + w - 1] = (byte) at(s, up, mid, dn, w - 2, w - 1, Reflect101.index(w, w));
            int left = (s[up] & 0xFF) + 2 * (s[mid] & 0xFF) + (s[dn] & 0xFF);
            int centre = (s[up + 1] & 0xFF) + 2 * (s[mid + 1] & 0xFF) + (s[dn + 1] & 0xFF);
            for (int x = 1; x < w - 1; x++) {
                int right = (s[up + x + 1] & 0xFF) + 2 * (s[mid + x + 1] & 0xFF) + (s[dn + x + 1] & 0xFF);
                d[mid + x] = (byte) ((left + 2 * centre + right + 8) >> 4);
                left = centre;
                centre = right;
            }
        }
    }

    /** The definition at column {@code c} of row {@code mid}, given already reflected neighbour indices. */
    private static int at(byte[] s, int up, int mid, int dn, int l, int c, int r) {
        int top = (s[up + l] & 0xFF) + 2 * (s[up + c] & 0xFF) + (s[up + r] & 0xFF);
        int centre = (s[mid + l] & 0xFF) + 2 * (s[mid + c] & 0xFF) + (s[mid + r] & 0xFF);
        int bottom = (s[dn + l] & 0xFF) + 2 * (s[dn + c] & 0xFF) + (s[dn + r] & 0xFF);
        return (top + 2 * centre + bottom + 8) >> 4;
    }
}
