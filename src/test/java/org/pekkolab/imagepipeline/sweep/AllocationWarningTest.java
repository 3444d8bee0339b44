package org.pekkolab.imagepipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.ImageTiming;

/** The check after the warm-up: silent for compiled code's allocation, a warning well above it. */
class AllocationWarningTest {

    private static ImageTiming allocating(long bytes) {
        return new ImageTiming("check.jpg", "warm-up", "local", "main", 0, 2000, List.of(100L), 3000, 512 * 384, bytes, -1, -1, 0);
    }

    @Test
    void compiledCodeIsNotWarnedAbout() {
        assertEquals(Optional.empty(), JitWarmUp.allocationWarning(allocating(Math.round(14.4 * 512 * 384))));
        assertEquals(Optional.empty(), JitWarmUp.allocationWarning(allocating(-1)), "allocation not measured");
    }

    @Test
    void codeThatAllocatesPerVectorIsWarnedAbout() {
        var warning = JitWarmUp.allocationWarning(allocating(Math.round(35.5 * 512 * 384)));
        assertTrue(warning.isPresent());
        assertTrue(warning.get().startsWith("warning: after the warm-up an image still allocated 35.5 bytes a pixel"), warning.get());
        assertTrue(warning.get().contains("-Dpipeline.simd=false"), "the tests run the SIMD kernels: " + warning.get());
    }
}
