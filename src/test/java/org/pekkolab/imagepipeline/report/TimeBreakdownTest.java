package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.RunKind;

class TimeBreakdownTest {

    @Test
    void splitsWorkerTimeIntoDecodeFiltersOtherAndIdle() {
        // Two images, each 1000 us in all: decode 100, filters 200 + 300 + 50, so 350 us of other work.
        var timings = List.of(Fixtures.timing("a.jpg", 200, 300, 50), Fixtures.timing("b.jpg", 200, 300, 50));
        // speedup 2 on 2 workers: wall = BASELINE_MS / 2 = 2000 ms, worker time 2 x 2000 ms = 4_000_000 us.
        var run = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 2.0, List.of(), timings);

        var rows = TimeBreakdown.of(List.of(run), 3);

        assertEquals(1, rows.size());
        var row = rows.get(0);
        assertEquals("single/fork-join/2w", row.label());
        assertEquals(100, row.decodeUs(), 1e-9);
        assertEquals(List.of(200.0, 300.0, 50.0), row.filterUs());
        assertEquals(350, row.otherUs(), 1e-9);
        assertTrue(Double.isNaN(row.betweenUs()), "no CPU clock in these timings");
        assertEquals((4_000_000 - 2 * 1000) / 2.0, row.idleUs(), 1e-9);
    }

    @Test
    void theThreadsCpuBetweenTheirImagesIsSplitFromIdle() {
        // Thread a: images on CPU 0-800 us and 1000-1900 us (200 us between); thread b: 50-900 and
        // 1200-2000 us (300 us between), listed out of order. Its first image's CPU before is not counted.
        var timings = List.of(
                Fixtures.timing("a2.jpg", "a", 1_000_000, 1_900_000, 200, 300, 50),
                Fixtures.timing("b1.jpg", "b", 50_000, 900_000, 200, 300, 50),
                Fixtures.timing("a1.jpg", "a", 0, 800_000, 200, 300, 50),
                Fixtures.timing("b2.jpg", "b", 1_200_000, 2_000_000, 200, 300, 50));
        var run = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 2.0, List.of(), timings);

        var row = TimeBreakdown.of(List.of(run), 3).get(0);

        assertEquals((200 + 300) / 4.0, row.betweenUs(), 1e-9);
        assertEquals((4_000_000 - 4 * 1000 - 500) / 4.0, row.idleUs(), 1e-9);
    }

    @Test
    void runsWithoutTimingsAreLeftOut() {
        var run = Fixtures.run(RunKind.EXECUTOR, "thread-pool", 1, 2, 1.5, List.of(), List.of());
        assertTrue(TimeBreakdown.of(List.of(run), 3).isEmpty());
    }
}
