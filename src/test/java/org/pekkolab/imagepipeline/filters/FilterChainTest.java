package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.image.RasterImage;

class FilterChainTest {

    private static RasterImage randomRgb(int w, int h) {
        var random = new Random(3);
        var planes = new byte[3][w * h];
        for (var plane : planes) {
            random.nextBytes(plane);
        }
        return new RasterImage(w, h, planes);
    }

    @Test
    void appliesFiltersInOrder() {
        var input = randomRgb(20, 11);
        var expected = input;
        for (var filter : FilterRegistry.defaultChain()) {
            expected = filter.apply(expected);
        }
        var chain = FilterChain.defaults();
        assertEquals(FilterRegistry.DEFAULT_CHAIN, chain.names());
        assertEquals(expected, chain.apply(input));
    }

    @Test
    void timedApplyGivesTheSameImageAndFillsOneSlotPerFilter() {
        var input = randomRgb(33, 17);
        var before = TestImages.copy(input);
        var chain = FilterChain.parse("blur, sharpen, brightness");
        var elapsed = new long[] {-1, -1, -1, 42};
        assertEquals(chain.apply(input), chain.apply(input, elapsed));
        for (int i = 0; i < 3; i++) {
            assertTrue(elapsed[i] >= 0, "slot " + i);
        }
        assertEquals(42, elapsed[3]);
        assertEquals(before, input);
    }

    @Test
    void rejectsTooFewTimingSlotsAndEmptyChains() {
        var chain = FilterChain.parse("blur,sobel");
        assertThrows(IllegalArgumentException.class, () -> chain.apply(randomRgb(2, 2), new long[1]));
        assertThrows(IllegalArgumentException.class, () -> new FilterChain(List.of()));
    }
}
