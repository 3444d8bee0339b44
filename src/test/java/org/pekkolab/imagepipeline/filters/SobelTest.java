package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.image.RasterImage;

class SobelTest {

    private final Sobel sobel = new Sobel();

    /** Same 4x3 image as {@link GaussianBlurTest}. */
    @Test
    void reflect101BordersOnA4x3Image() {
        var image = TestImages.gray(new int[][] {{10, 20, 30, 40}, {50, 200, 60, 70}, {80, 90, 100, 255}});
        // Reflect-101 makes gx 0 on the first and last column (left and right read the same column) and gy 0 on
        // the first and last row. Magnitudes:
        //   0    60    220   0          (1,0): gx = (60-50) + 2 (30-10) + (60-50) = 60
        //   280  286.36 431.57 570      (3,1): gy = (100 + 2*255 + 100) - (30 + 2*40 + 30) = 570
        //   0    60    70    0          (2,1): gx = -75, gy = 425 -> 431.57
        // min 0, max 570: (1,0) -> round(60 * 255 / 570) = round(26.84) = 27; (2,1) -> round(193.07) = 193
        int[][] expected = {
            {0, 27, 98, 0},
            {125, 128, 193, 255},
            {0, 27, 31, 0},
        };
        assertArrayEquals(expected, TestImages.rows(sobel.apply(image), 0));
    }

    @Test
    void singleRowAndSingleColumn() {
        // One row: gy = 0 and gx = 4 (v[x+1] - v[x-1]): 0, 320, -120, 0 -> round(m * 255 / 320) = 0, 255, 96, 0
        int[][] row = {{10, 50, 90, 20}};
        assertArrayEquals(new int[][] {{0, 255, 96, 0}}, TestImages.rows(sobel.apply(TestImages.gray(row)), 0));
        int[][] column = {{10}, {50}, {90}, {20}};
        assertArrayEquals(new int[][] {{0}, {255}, {96}, {0}},
                TestImages.rows(sobel.apply(TestImages.gray(column)), 0));
    }

    @Test
    void constantImagesAndSinglePixelGiveZeros() {
        assertEquals(TestImages.constant(1, 1, 1, 0), sobel.apply(TestImages.constant(1, 1, 1, 123)));
        assertEquals(TestImages.constant(6, 3, 1, 0), sobel.apply(TestImages.constant(6, 3, 1, 123)));
        assertEquals(TestImages.constant(6, 3, 1, 0), sobel.apply(TestImages.constant(6, 3, 3, 45)));
    }

    @Test
    void rgbInputIsMadeGrayFirst() {
        var random = new Random(7);
        var planes = new byte[3][9 * 5];
        for (var plane : planes) {
            random.nextBytes(plane);
        }
        var rgb = new RasterImage(9, 5, planes);
        var out = sobel.apply(rgb);
        assertTrue(out.isGray());
        assertEquals(sobel.apply(new Grayscale().apply(rgb)), out);
    }

    /** The table path must give exactly what the per-pixel path gives, for every squared magnitude in range. */
    @Test
    void tableNormalisationMatchesDirectEverywhere() {
        int[][] ranges = {{0, 1}, {0, 2}, {3, 7}, {0, 100}, {17, 1000}, {0, 2 * 1020 * 1020}, {12345, 987654}};
        for (int[] range : ranges) {
            int min = range[0];
            int max = range[1];
            var squared = new int[max - min + 1];
            for (int i = 0; i < squared.length; i++) {
                squared[i] = min + i;
            }
            var direct = new byte[squared.length];
            var table = new byte[squared.length];
            Sobel.normaliseDirect(squared, direct, min, max);
            Sobel.normaliseByTable(squared, table, min, max);
            assertArrayEquals(direct, table, () -> "range " + min + ".." + max);
            assertEquals(0, direct[0]);
            assertEquals((byte) 255, direct[direct.length - 1]);
        }
    }
}
