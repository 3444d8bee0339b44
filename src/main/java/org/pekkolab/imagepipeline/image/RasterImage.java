package org.pekkolab.imagepipeline.image;

import java.util.Arrays;

/**
 * An 8-bit image held as separate planes: one plane for gray, three (R, G, B) for colour.
 * Planes are row-major {@code width * height} byte arrays; bytes are read unsigned ({@code & 0xFF}).
 */
public record RasterImage(int width, int height, byte[][] planes) {

    public RasterImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (planes.length != 1 && planes.length != 3) {
            throw new IllegalArgumentException("image must have 1 (gray) or 3 (RGB) planes, got " + planes.length);
        }
        for (byte[] plane : planes) {
            if (plane.length != width * height) {
                throw new IllegalArgumentException("plane length " + plane.length + " != " + width + "x" + height);
            }
        }
    }

    public static RasterImage gray(int width, int height, byte[] gray) {
        return new RasterImage(width, height, new byte[][] {gray});
    }

    public static RasterImage rgb(int width, int height, byte[] red, byte[] green, byte[] blue) {
        return new RasterImage(width, height, new byte[][] {red, green, blue});
    }

    public boolean isGray() {
        return planes.length == 1;
    }

    public int channels() {
        return planes.length;
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /** Unsigned sample of a plane at (x, y). For tests and tools, not for kernels. */
    public int sample(int plane, int x, int y) {
        return planes[plane][y * width + x] & 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RasterImage that
                && width == that.width
                && height == that.height
                && Arrays.deepEquals(planes, that.planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.deepHashCode(planes);
    }

    @Override
    public String toString() {
        return "RasterImage[" + width + "x" + height + ", " + (isGray() ? "gray" : "rgb") + "]";
    }
}
