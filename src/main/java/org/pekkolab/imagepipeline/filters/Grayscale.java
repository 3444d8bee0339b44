package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * RGB to gray with the BT.601 weights in 15-bit fixed point, as OpenCV computes it:
 * {@code Y = (9798 R + 19235 G + 3735 B + 16384) >> 15}.
 * A gray input yields an equal copy rather than the same instance, so the result never aliases the input's
 * mutable planes.
 */
public final class Grayscale implements ImageFilter {

    public static final String NAME = "grayscale";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RasterImage apply(RasterImage input) {
        var gray = input.isGray() ? input.planes()[0].clone() : luma(input);
        return RasterImage.gray(input.width(), input.height(), gray);
    }

    /** The gray plane of an image: the plane itself for gray input (do not write to it), else a new luma plane. */
    static byte[] grayPlane(RasterImage input) {
        return input.isGray() ? input.planes()[0] : luma(input);
    }

    private static byte[] luma(RasterImage input) {
        var red = input.planes()[0];
        var green = input.planes()[1];
        var blue = input.planes()[2];
        var gray = new byte[red.length];
        int done = Simd.ENABLED ? VectorKernels.luma(red, green, blue, gray) : 0;
        for (int i = done; i < gray.length; i++) {
            gray[i] = (byte) ((9798 * (red[i] & 0xFF) + 19235 * (green[i] & 0xFF) + 3735 * (blue[i] & 0xFF) + 16384)
                    >> 15);
        }
        return gray;
    }
}
