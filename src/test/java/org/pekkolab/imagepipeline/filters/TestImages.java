package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/** Small builders for hand-written test images. */
final class TestImages {

    private TestImages() {
    }

    /** A gray image from rows of unsigned values. */
    static RasterImage gray(int[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        var plane = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                plane[y * w + x] = (byte) rows[y][x];
            }
        }
        return RasterImage.gray(w, h, plane);
    }

    /** The unsigned samples of one plane as rows. */
    static int[][] rows(RasterImage image, int plane) {
        var rows = new int[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                rows[y][x] = image.sample(plane, x, y);
            }
        }
        return rows;
    }

    static RasterImage constant(int width, int height, int channels, int value) {
        var planes = new byte[channels][width * height];
        for (var plane : planes) {
            java.util.Arrays.fill(plane, (byte) value);
        }
        return new RasterImage(width, height, planes);
    }

    /** A deep copy, to check later that a filter left its input alone. */
    static RasterImage copy(RasterImage image) {
        var planes = new byte[image.channels()][];
        for (int p = 0; p < planes.length; p++) {
            planes[p] = image.planes()[p].clone();
        }
        return new RasterImage(image.width(), image.height(), planes);
    }
}
