package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeBreakdownTest {

    @Test
    void splitsWorkerTimeIntoDecodeFiltersOtherAndIdle() {
        // Two images, each 1000 us in all: decode 100, filters 200 + 300 + 50, so 350 us of other work.
        var timings = List.of(Fixtures.timing("a.jpg", 200, 300, 50), Fixtures.timing("b.jpg", 200, 300, 50));
        // speedup 2 on 2 workers: wall = BASELINE_MS / 2 = 500 ms, worker time 2 x 500 ms = 1_000_000 us.
        var run = Fixtures.run("single", "fork-join", 1, 2, 2.0, List.of(), timings);

        var rows = TimeBreakdown.of(List.of(run), 3);

        assertEquals(1, rows.size());
        var row = rows.get(0);
        assertEquals("single/fork-join/2w", row.label());
        assertEquals(100, row.decodeUs(), 1e-9);
        assertEquals(List.of(200.0, 300.0, 50.0), row.filterUs());
        assertEquals(350, row.otherUs(), 1e-9);
        assertEquals((1_000_000 - 2 * 1000) / 2.0, row.idleUs(), 1e-9);
    }

    @Test
    void runsWithoutTimingsAreLeftOut() {
        var run = Fixtures.run("executor", "thread-pool", 1, 2, 1.5, List.of(), List.of());
        assertTrue(TimeBreakdown.of(List.of(run), 3).isEmpty());
    }
}
