package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Per channel {@code round(v * 1.2)} saturated to 255: in SIMD lanes by arithmetic, else through a 256-entry table so
 * the scalar loop is one load per sample.
 */
public final class Brightness implements ImageFilter {

    public static final String NAME = "brightness";

    private static final byte[] TABLE = new byte[256];

    static {
        for (int v = 0; v < 256; v++) {
            TABLE[v] = (byte) Math.min(255, (int) Math.floor(v * 1.2 + 0.5));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RasterImage apply(RasterImage input) {
        return Planes.map(input, Brightness::brighten);
    }

    private static void brighten(byte[] src, byte[] dst, int width, int height) {
        int done = Simd.ENABLED ? VectorKernels.brightness(src, dst) : 0;
        var table = TABLE;
        for (int i = done; i < src.length; i++) {
            dst[i] = table[src[i] & 0xFF];
        }
    }
}
