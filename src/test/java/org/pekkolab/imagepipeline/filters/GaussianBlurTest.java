package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    private final GaussianBlur blur = new GaussianBlur();

    /**
     * Image (4 wide, 3 high):
     * <pre>
     * 10  20  30  40
     * 50 200  60  70
     * 80  90 100 255
     * </pre>
     */
    @Test
    void reflect101BordersOnA4x3Image() {
        var image = TestImages.gray(new int[][] {{10, 20, 30, 40}, {50, 200, 60, 70}, {80, 90, 100, 255}});
        // (0,0): row -1 reads row 1, column -1 reads column 1, so the window is
        //   200 50 200 / 20 10 20 / 200 50 200
        //   sum = (200 + 100 + 200) + (40 + 40 + 40) + (200 + 100 + 200) = 1120 -> (1120 + 8) >> 4 = 70
        // (3,2): row 3 reads row 1, column 4 reads column 2:
        //   60 70 60 / 100 255 100 / 60 70 60
        //   sum = 260 + (200 + 1020 + 200) + 260 = 1940 -> (1940 + 8) >> 4 = 121
        // (1,0): top edge, row -1 reads row 1: 50 200 60 / 10 20 30 / 50 200 60
        //   sum = 510 + (20 + 80 + 60) + 510 = 1180 -> 74 (73.75 rounded)
        // (1,1), interior: 10 + 40 + 30 + 100 + 800 + 120 + 80 + 180 + 100 = 1460 -> 91 (91.25)
        int[][] expected = {
            {70, 74, 64, 50},
            {88, 91, 90, 86},
            {105, 109, 117, 121},
        };
        assertArrayEquals(expected, TestImages.rows(blur.apply(image), 0));
    }

    @Test
    void singleRowAndSingleColumnReflectAlongTheirOnlyDimension() {
        // With one row every row index reads row 0, so the vertical weights add to 4 and
        // out = round((v[x-1] + 2 v[x] + v[x+1]) / 4):
        // x=0: (50 + 20 + 50) / 4 = 30; x=1: (10 + 100 + 90) / 4 = 50;
        // x=2: (50 + 180 + 20) / 4 = 62.5 -> 63 (half rounds up); x=3: (90 + 40 + 90) / 4 = 55
        int[][] row = {{10, 50, 90, 20}};
        assertArrayEquals(new int[][] {{30, 50, 63, 55}}, TestImages.rows(blur.apply(TestImages.gray(row)), 0));
        int[][] column = {{10}, {50}, {90}, {20}};
        assertArrayEquals(new int[][] {{30}, {50}, {63}, {55}},
                TestImages.rows(blur.apply(TestImages.gray(column)), 0));
    }

    @Test
    void singlePixelIsUnchanged() {
        // every tap reads the pixel itself: 16 v / 16 = v
        var out = blur.apply(TestImages.gray(new int[][] {{201}}));
        assertEquals(201, out.sample(0, 0, 0));
    }

    @Test
    void constantImageIsUnchanged() {
        for (int channels : new int[] {1, 3}) {
            var image = TestImages.constant(5, 4, channels, 77);
            assertEquals(image, blur.apply(image));
        }
    }
}
