package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Reflect101Test {

    @Test
    void reflectsWithoutRepeatingTheEdge() {
        assertEquals(1, Reflect101.index(-1, 5));
        assertEquals(0, Reflect101.index(0, 5));
        assertEquals(4, Reflect101.index(4, 5));
        assertEquals(3, Reflect101.index(5, 5));
    }

    @Test
    void lengthTwoReadsTheOtherSample() {
        assertEquals(1, Reflect101.index(-1, 2));
        assertEquals(0, Reflect101.index(2, 2));
    }

    @Test
    void lengthOneAlwaysReadsIndexZero() {
        assertEquals(0, Reflect101.index(-1, 1));
        assertEquals(0, Reflect101.index(0, 1));
        assertEquals(0, Reflect101.index(1, 1));
    }
}
