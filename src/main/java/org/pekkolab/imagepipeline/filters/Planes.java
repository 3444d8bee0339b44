package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/** Runs a per-channel kernel on every plane of an image into fresh planes, leaving the input untouched. */
final class Planes {

    /** A kernel over one plane: reads {@code src}, writes every sample of {@code dst}. */
    @FunctionalInterface
    interface PlaneKernel {
        void apply(byte[] src, byte[] dst, int width, int height);
    }

    private Planes() {
    }

    static RasterImage map(RasterImage input, PlaneKernel kernel) {
        var in = input.planes();
        var out = new byte[in.length][];
        for (int p = 0; p < in.length; p++) {
            out[p] = new byte[in[p].length];
            kernel.apply(in[p], out[p], input.width(), input.height());
        }
        return new RasterImage(input.width(), input.height(), out);
    }
}
