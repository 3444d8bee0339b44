package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.image.RasterImage;

class BrightnessTest {

    private final Brightness brightness = new Brightness();

    @Test
    void roundsAndSaturates() {
        // round(v * 1.2): 0 -> 0, 3 -> 3.6 -> 4, 5 -> 6, 100 -> 120, 212 -> 254.4 -> 254, 213 -> 255.6 -> 255
        // (saturated), 255 -> 306 -> 255
        var out = brightness.apply(TestImages.gray(new int[][] {{0, 3, 5, 100, 212, 213, 255}}));
        assertArrayEquals(new int[][] {{0, 4, 6, 120, 254, 255, 255}}, TestImages.rows(out, 0));
    }

    /** Every level, in a row long enough for whole SIMD vectors and a scalar tail. */
    @Test
    void everyLevelIsTheRoundedProductSaturated() {
        int[][] row = {new int[256 + 7]};
        for (int x = 0; x < row[0].length; x++) {
            row[0][x] = x % 256;
        }
        var out = TestImages.rows(brightness.apply(TestImages.gray(row)), 0);
        for (int x = 0; x < row[0].length; x++) {
            assertEquals(Math.min(255, (int) Math.floor(row[0][x] * 1.2 + 0.5)), out[0][x], "level " + row[0][x]);
        }
    }

    @Test
    void appliesToEachChannel() {
        var rgb = RasterImage.rgb(1, 1, new byte[] {100}, new byte[] {5}, new byte[] {(byte) 213});
        var out = brightness.apply(rgb);
        assertArrayEquals(new int[] {120, 6, 255},
                new int[] {out.sample(0, 0, 0), out.sample(1, 0, 0), out.sample(2, 0, 0)});
    }
}
