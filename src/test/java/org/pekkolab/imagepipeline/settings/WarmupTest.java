package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the warm-up goes on: its minimum first, then while the JIT is busy, never past its maximum. */
class WarmupTest {

    private final Warmup warmup = new Warmup(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.1);

    @Test
    void anotherRoundUntilTheMinimumWhateverTheJitDoes() {
        assertTrue(warmup.anotherRound(Duration.ofMillis(1999), 0.0));
        assertTrue(warmup.anotherRound(Duration.ofMillis(500), Double.NaN));
    }

    @Test
    void afterTheMinimumAnotherRoundWhileTheJitCompilesAtLeastTheSettledShare() {
        assertTrue(warmup.anotherRound(Duration.ofSeconds(3), 0.1));
        assertTrue(warmup.anotherRound(Duration.ofSeconds(29), 1.7));
        assertFalse(warmup.anotherRound(Duration.ofSeconds(3), 0.099));
    }

    @Test
    void neverPastTheMaximumNorWaitingForAJitThatCannotBeTimed() {
        assertFalse(warmup.anotherRound(Duration.ofSeconds(30), 0.9));
        assertFalse(warmup.anotherRound(Duration.ofSeconds(3), Double.NaN));
        assertTrue(warmup.settled(Double.NaN));
    }

    @Test
    void noneRunsNoRound() {
        assertFalse(Warmup.NONE.anotherRound(Duration.ZERO, 5.0));
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Warmup(Duration.ofSeconds(5), Duration.ofSeconds(2), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Warmup(Duration.ofSeconds(-1), Duration.ofSeconds(2), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Warmup(Duration.ZERO, Duration.ofSeconds(2), 0));
        assertThrows(IllegalArgumentException.class, () -> new Warmup(Duration.ZERO, Duration.ofSeconds(2), Double.NaN));
    }
}
