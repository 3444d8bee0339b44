package org.pekkolab.imagepipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RowLengthTest {

    private static final Duration MIN = Duration.ofMillis(1500);

    @Test
    void eachRowFeedsTheInputUntilItLastsTheMinimum() {
        // 27 images, one thread does 300 a second: 1.5 s is 450 images for one worker, 900 for two.
        var rows = new RowLength(27, 1, MIN, 300, 2);

        assertTrue(rows.timed());
        assertEquals(17, rows.passes(1));
        assertEquals(17 * 27, rows.images(1));
        assertEquals(34, rows.passes(2));
        assertTrue(rows.images(1) / 300.0 >= 1.5);
        assertTrue(rows.images(2) / 600.0 >= 1.5);
    }

    @Test
    void workersBeyondTheCoresDoNotMakeARowFaster() {
        var rows = new RowLength(27, 1, MIN, 300, 2);

        assertEquals(rows.passes(2), rows.passes(4));
        assertEquals(rows.passes(2), rows.passes(16));
    }

    @Test
    void anExplicitRepeatIsTheLeast() {
        var rows = new RowLength(1000, 3, MIN, 300, 2);

        // 1000 images already take over 3 s on one thread: the three passes asked for stay.
        assertEquals(3, rows.passes(1));
        assertEquals(3000, rows.images(2));
    }

    @Test
    void withoutAMinimumRowsTakeTheInputAsRepeatSays() {
        var rows = RowLength.fixed(27, 2);

        assertFalse(rows.timed());
        assertEquals(2, rows.passes(1));
        assertEquals(54, rows.images(4));
    }

    @Test
    void anUnmeasuredPassLeavesTheRepeat() {
        var rows = new RowLength(27, 1, MIN, Double.NaN, 2);

        assertEquals(1, rows.passes(2));
    }

    @Test
    void aFasterBaselineResizesTheRowsAfterIt() {
        var rows = new RowLength(27, 1, MIN, 100, 2);

        assertEquals(12, rows.passes(2));
        assertEquals(34, rows.faster(300).passes(2), "1.5 s x 600 images a second over 27 inputs");
        assertEquals(rows, rows.faster(50), "never shorter rows from a slower figure");
        assertEquals(RowLength.fixed(27, 1), RowLength.fixed(27, 1).faster(300), "rows of --repeat stay");
    }

    @Test
    void aRowThatRanFasterBeforeIsSizedFromWhatItMeasured() {
        var rows = new RowLength(27, 1, MIN, 300, 2);
        var rates = new RowRates();
        rates.record("single/fork-join/2w", 700);
        rates.record("single/fork-join/2w", 650);

        // 1.5 s at the 700 images a second it ran at best, over 27 inputs: 39 passes, not the 34 that 2 x 300 gives.
        assertEquals(39, rows.passes(2, rates.of("single/fork-join/2w")));
        assertEquals(34, rows.passes(2, rates.of("executor/2w")), "a row not measured yet");
        assertEquals(34, rows.passes(2, 500), "never fewer passes than the calibration gives");
        assertEquals(1, RowLength.fixed(27, 1).passes(2, 700), "rows of --repeat stay");
    }
}
