package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;
import org.pekkolab.imagepipeline.results.RunResult;

/** The result in words at the top of the console report; the fixtures' machine has 4 cores. */
class SummaryTest {

    private static Report trial(double coreScaling, RunResult... runs) {
        var report = Fixtures.report(List.of(runs), List.of());
        return new Report(report.host(), report.input(), report.delivery(), report.filters(), report.baseline(), report.runs(), report.failures(),
                report.clusterCost(), report.dispatchers(), new CoreScaling(4, coreScaling), report.coreSpeed());
    }

    private static RunResult single(int workers, double speedup) {
        return Fixtures.run(RunKind.SINGLE, "fork-join", 1, workers, speedup, List.of(), List.of());
    }

    @Test
    void theBestRowsMediansAndTheSerialFractionOverTheTrials() {
        var summary = Summary.of(List.of(trial(3.9, single(2, 1.8), single(4, 3.2)), trial(3.8, single(2, 1.9), single(4, 3.6)),
                trial(3.9, single(2, 1.7), single(4, 3.4))));

        assertEquals("single/fork-join/4w", summary.best().orElseThrow());
        assertEquals(3.4, summary.speedup().median(), 1e-9);
        assertEquals(0.85, summary.efficiency().median(), 1e-9);
        // Per trial the median of e over the two rows that can show one.
        assertEquals(3, summary.serialFraction().byTrial().size());
        var text = summary.render();
        assertTrue(text.startsWith("Summary (medians of 3 trials"), text);
        assertTrue(text.contains("Best: single/fork-join/4w at 68.0 img/s, speedup 3.40 (3.20-3.60), efficiency 0.85 (0.80-0.90)."), text);
        assertTrue(text.contains("Serial fraction f = "), text);
        assertTrue(text.contains("Not higher because: the part of the work that behaved as serial"), text);
        assertLines(text);
    }

    @Test
    void moreWorkersThanCoresIsTheReasonWhenTheBestRowHasThem() {
        var summary = Summary.of(List.of(trial(3.9, single(2, 1.8), single(8, 3.7))));

        var text = summary.render();
        assertTrue(text.startsWith("Summary (one trial):"), text);
        assertTrue(text.contains("Best: single/fork-join/8w"), text);
        assertTrue(text.contains("Not higher because: it runs more workers than the 4 cores"), text);
        assertLines(text);
    }

    @Test
    void aMachineWhoseCoresScaledPoorlyIsTheReason() {
        var text = Summary.of(List.of(trial(2.9, single(2, 1.8), single(4, 2.8)))).render();

        assertTrue(text.contains("Not higher because: this machine's 4 cores gave only 2.90x at the time (core scaling)"), text);
    }

    @Test
    void rowsTooShortLeaveTheSerialFractionNotMeasured() {
        var shortRow = Fixtures.runBuilder(RunKind.SINGLE, "fork-join", 1, 2, 1.9).wallMs(99).build();

        var summary = Summary.of(List.of(trial(3.9, shortRow)));

        assertTrue(Double.isNaN(summary.serialFraction().median()));
        var text = summary.render();
        assertTrue(text.contains("Serial fraction: not measured"), text);
        assertTrue(text.contains("no row could show a serial fraction"), text);
        assertTrue(!text.contains("f = 0"), text);
    }

    @Test
    void aClusterRowIsLimitedByWhatTheClusterPays() {
        var cluster = Fixtures.run(RunKind.CLUSTER, "fork-join", 2, 2, 3.9, List.of(), List.of());

        var text = Summary.of(List.of(trial(3.9, single(2, 1.8), cluster))).render();

        assertTrue(text.contains("Best: cluster/fork-join/2wx2n"), text);
        assertTrue(text.contains("Not higher because: a cluster on one host pays for moving every image between JVMs"), text);
    }

    /** Three to five lines, none wider than the console's 120 columns. */
    private static void assertLines(String text) {
        var lines = text.lines().toList();
        assertTrue(lines.size() >= 3 && lines.size() <= 5, text);
        lines.forEach(line -> assertTrue(line.length() <= 120, line));
    }
}
