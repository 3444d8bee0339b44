package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.RunKind;

class AnalysisTest {

    private static final double EPS = 1e-4;

    @Test
    void karpFlattOfHandComputedExample() {
        // (1/1.8 - 1/2) / (1 - 1/2) = 0.0556 / 0.5
        assertEquals(0.1111, Analysis.karpFlatt(1.8, 2), EPS);
        assertEquals(0.0, Analysis.karpFlatt(4, 4), EPS);
        assertThrows(IllegalArgumentException.class, () -> Analysis.karpFlatt(1, 1));
    }

    @Test
    void amdahlBounds() {
        assertEquals(3.0, Analysis.amdahl(1.0 / 9, 4), EPS);
        assertEquals(4.0, Analysis.amdahl(0, 4), EPS);
        assertEquals(1.0, Analysis.amdahl(1, 64), EPS);
    }

    @Test
    void sweepAnalysis() {
        Analysis a = Analysis.of(Fixtures.sweep());

        assertEquals("single/fork-join/4w", a.best().orElseThrow().label());
        assertEquals(64.0, a.best().orElseThrow().imagesPerSec(), EPS);
        assertEquals(3.2, a.best().orElseThrow().speedup(), EPS);
        assertEquals(0.8, a.best().orElseThrow().efficiency(), EPS);

        assertEquals(List.of("executor/2w", "single/fork-join/2w", "single/fork-join/4w"),
                a.karpFlatt().stream().map(Analysis.KarpFlatt::label).toList());
        assertEquals(List.of(2, 2, 4), a.karpFlatt().stream().map(Analysis.KarpFlatt::p).toList());
        assertEquals(0.0833, a.karpFlatt().get(2).e(), EPS);
        assertEquals(List.of(new Analysis.LeftOut("single/fork-join/1w", Analysis.Limit.ONE_WORKER),
                new Analysis.LeftOut("cluster/fork-join/2wx2n", Analysis.Limit.CLUSTER)), a.left());

        assertTrue(a.serialFractionKnown());
        assertEquals(1.0 / 9, a.serialFraction(), EPS);
        assertEquals(3.0, a.amdahlAtCores(), EPS);
        assertEquals(9.0, a.amdahlLimit(), EPS);
    }

    @Test
    void withoutMultiWorkerRunsTheSerialFractionIsUndefined() {
        var seq = Fixtures.run(RunKind.SEQUENTIAL, "none", 1, 1, 1.0, List.of(), List.of());
        var one = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 1, 0.9, List.of(), List.of());
        Analysis a = Analysis.of(List.of(seq, one), 2);

        assertEquals("single/fork-join/1w", a.best().orElseThrow().label());
        assertTrue(a.karpFlatt().isEmpty());
        assertFalse(a.serialFractionKnown());
        assertTrue(Double.isNaN(a.amdahlAtCores()));
        assertTrue(Analysis.of(List.of(seq), 2).best().isEmpty());
    }

    @Test
    void superlinearSpeedupClampsTheSerialFractionToZero() {
        var fast = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 2.2, List.of(), List.of());
        Analysis a = Analysis.of(List.of(fast), 8);

        assertTrue(a.karpFlatt().get(0).e() < 0);
        assertEquals(0.0, a.serialFraction());
        assertEquals(8.0, a.amdahlAtCores(), EPS);
        assertTrue(Double.isInfinite(a.amdahlLimit()));
    }

    @Test
    void onlyRowsThatCanShowASerialFractionCount() {
        var seq = Fixtures.run(RunKind.SEQUENTIAL, "none", 1, 1, 1.0, List.of(), List.of());
        var two = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 1.9, List.of(), List.of());
        // Four workers on two cores take turns: their 1.5 says nothing about a serial part of the work.
        var four = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 4, 1.5, List.of(), List.of());
        var cluster = Fixtures.run(RunKind.CLUSTER, "fork-join", 2, 1, 1.2, List.of(), List.of());
        var executorShort = Fixtures.runBuilder(RunKind.EXECUTOR, "none", 1, 2, 1.2).wallMs(Analysis.LONG_ENOUGH_MS - 1).build();

        Analysis a = Analysis.of(List.of(seq, two, four, cluster, executorShort), 2);

        assertEquals(List.of("single/fork-join/2w"), a.karpFlatt().stream().map(Analysis.KarpFlatt::label).toList());
        assertEquals(Analysis.karpFlatt(1.9, 2), a.serialFraction(), EPS);
        assertEquals(List.of(Analysis.Limit.MORE_WORKERS_THAN_CORES, Analysis.Limit.CLUSTER, Analysis.Limit.SHORT_ROW),
                a.left().stream().map(Analysis.LeftOut::limit).toList());
    }

    @Test
    void readsThatWaitForIoShowNoSerialFraction() {
        var two = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 1.3, List.of(), List.of());

        Analysis a = Analysis.of(List.of(two), 2, true);

        assertFalse(a.serialFractionKnown());
        assertEquals(List.of(new Analysis.LeftOut("single/fork-join/2w", Analysis.Limit.IO_BOUND)), a.left());
    }
}
