package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.image.RasterImage;

class GrayscaleTest {

    private final Grayscale grayscale = new Grayscale();

    @Test
    void weightsMatchOpenCv() {
        // Y = (9798 R + 19235 G + 3735 B + 16384) >> 15
        // red   255: (2498490 + 16384) / 32768 = 76.7  -> 76
        // green 255: (4904925 + 16384) / 32768 = 150.2 -> 150
        // blue  255: (952425 + 16384) / 32768  = 29.6  -> 29
        // white: (32768 * 255 + 16384) >> 15 = 255; (10, 20, 30): (594730 + 16384) / 32768 = 18.6 -> 18
        var rgb = RasterImage.rgb(6, 1,
                bytes(255, 0, 0, 255, 10, 0),
                bytes(0, 255, 0, 255, 20, 0),
                bytes(0, 0, 255, 255, 30, 0));
        var gray = grayscale.apply(rgb);
        assertTrue(gray.isGray());
        assertArrayEquals(bytes(76, 150, 29, 255, 18, 0), gray.planes()[0]);
    }

    @Test
    void grayInputGivesAnEqualCopy() {
        var input = TestImages.gray(new int[][] {{1, 2, 3}, {250, 128, 0}});
        var output = grayscale.apply(input);
        assertEquals(input, output);
        assertNotSame(input.planes()[0], output.planes()[0]);
    }

    private static byte[] bytes(int... values) {
        var bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
