package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * The reflect-101 plumbing shared by the per-channel 3x3 filters: per row it finds the rows above and below
 * once, sends the first and last column through the filter's per-pixel definition with reflected column
 * indices, and leaves the interior columns to the filter's own branch-free row loop (scalar or SIMD), so the hot
 * loop stays a monomorphic method of each filter that the JIT compiles on its own.
 */
final class Convolution3x3 {

    /** One 3x3 filter, split into its border definition and its interior loop. */
    interface Kernel {

        /** The output at column {@code c} of row {@code mid} (row offsets), given reflected neighbour columns. */
        int at(byte[] s, int up, int mid, int dn, int l, int c, int r);

        /** Writes {@code d[mid + x]} for the interior columns {@code 1 <= x < w - 1} of one row. */
        void interior(byte[] s, byte[] d, int up, int mid, int dn, int w);

        /** What {@link #interior} writes, on {@link VectorKernels}; {@code sums} is a scratch row of {@code w}. */
        void simdInterior(byte[] s, byte[] d, int up, int mid, int dn, int w, short[] sums);
    }

    private Convolution3x3() {
    }

    /** Every plane of {@code input} through {@code kernel}, into a new image. */
    static RasterImage map(Kernel kernel, RasterImage input) {
        return Planes.map(input, (src, dst, width, height) -> apply(kernel, src, dst, width, height));
    }

    static void apply(Kernel kernel, byte[] s, byte[] d, int w, int h) {
        int left = Reflect101.index(-1, w);
        int right = Reflect101.index(1, w);
        var sums = Simd.ENABLED ? new short[w] : null;
        for (int y = 0; y < h; y++) {
            int up = Reflect101.index(y - 1, h) * w;
            int mid = y * w;
            int dn = Reflect101.index(y + 1, h) * w;
            d[mid] = (byte) kernel.at(s, up, mid, dn, left, 0, right);
            if (w == 1) {
                continue;
            }
            d[mid + w - 1] = (byte) kernel.at(s, up, mid, dn, w - 2, w - 1, Reflect101.index(w, w));
            if (sums != null) {
                kernel.simdInterior(s, d, up, mid, dn, w, sums);
            } else {
                kernel.interior(s, d, up, mid, dn, w);
            }
        }
    }
}
