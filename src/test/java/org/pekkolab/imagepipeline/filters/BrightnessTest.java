package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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

    @Test
    void appliesToEachChannel() {
        var rgb = RasterImage.rgb(1, 1, new byte[] {100}, new byte[] {5}, new byte[] {(byte) 213});
        var out = brightness.apply(rgb);
        assertArrayEquals(new int[] {120, 6, 255},
                new int[] {out.sample(0, 0, 0), out.sample(1, 0, 0), out.sample(2, 0, 0)});
    }
}
