package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Per channel 3x3 [-2 -2 -2; -2 32 -2; -2 -2 -2] with {@code round(sum / 16) = (sum + 8) >> 4} (the arithmetic
 * shift floors negative sums, which is the SPEC's floor(x + 0.5)), saturated to [0, 255], reflect-101 borders.
 */
public final class Sharpen implements ImageFilter {

    public static final String NAME = "sharpen";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RasterImage apply(RasterImage input) {
        return Planes.map(input, Sharpen::sharpen);
    }

    /**
     * Same split as {@link GaussianBlur}: edge columns through {@link #at}, the interior slides a window of
     * vertical column sums, using 32 c - 2 (8 neighbours) = 34 c - 2 (all 9).
     */
    private static void sharpen(byte[] s, byte[] d, int w, int h) {
        for (int y = 0; y < h; y++) {
            int up = Reflect101.index(y - 1, h) * w;
            int mid = y * w;
            int dn = Reflect101.index(y + 1, h) * w;
            d[mid] = (byte) at(s, up, mid, dn, Reflect101.index(-1, w), 0, Reflect101.index(1, w));
            if (w == 1) {
                continue;
            }
            d[mid + w - 1] = (byte) at(s, up, mid, dn, w - 2, w - 1, Reflect101.index(w, w));
            int left = (s[up] & 0xFF) + (s[mid] & 0xFF) + (s[dn] & 0xFF);
            int here = s[mid + 1] & 0xFF;
            int centre = (s[up + 1] & 0xFF) + here + (s[dn + 1] & 0xFF);
            for (int x = 1; x < w - 1; x++) {
                int next = s[mid + x + 1] & 0xFF;
                int right = (s[up + x + 1] & 0xFF) + next + (s[dn + x + 1] & 0xFF);
                int v = (34 * here - 2 * (left + centre + right) + 8) >> 4;
                d[mid + x] = (byte) Math.max(0, Math.min(255, v));
                left = centre;
                centre = right;
                here = next;
            }
        }
    }

    /** The definition at column {@code c} of row {@code mid}, given already reflected neighbour indices. */
    private static int at(byte[] s, int up, int mid, int dn, int l, int c, int r) {
        int all = (s[up + l] & 0xFF) + (s[up + c] & 0xFF) + (s[up + r] & 0xFF)
                + (s[mid + l] & 0xFF) + (s[mid + c] & 0xFF) + (s[mid + r] & 0xFF)
                + (s[dn + l] & 0xFF) + (s[dn + c] & 0xFF) + (s[dn + r] & 0xFF);
        int v = (34 * (s[mid + c] & 0xFF) - 2 * all + 8) >> 4;
        return Math.max(0, Math.min(255, v));
    }
}
