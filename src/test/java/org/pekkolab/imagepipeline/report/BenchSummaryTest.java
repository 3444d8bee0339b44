package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.probes.CoreScaling;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;

class BenchSummaryTest {

    private static org.pekkolab.imagepipeline.results.Report trial(double executorSpeedup, double actorSpeedup) {
        return Fixtures.report(List.of(
                Fixtures.run(RunKind.EXECUTOR, "thread-pool", 1, 2, executorSpeedup, List.of(), List.of()),
                Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, actorSpeedup, List.of(), List.of())), List.of());
    }

    @Test
    void mediansSpreadsAndActorToExecutorRatiosPerTrial(@TempDir Path dir) throws IOException {
        var summary = BenchSummary.of(List.of(trial(1.8, 1.62), trial(2.0, 1.9), trial(1.6, 1.6)));

        var executor = summary.rows().get(0);
        assertEquals("executor/2w", executor.label());
        assertEquals(new BenchSummary.Spread(1.8, 1.6, 2.0, Double.NaN, Double.NaN, Double.NaN, List.of(1.8, 2.0, 1.6)), executor.speedup());
        assertTrue(Double.isNaN(executor.ratioToExecutor().median()));

        var actor = summary.rows().get(1);
        assertEquals(1.62, actor.speedup().median(), 1e-9);
        // Per trial: 1.62/1.8 = 0.9, 1.9/2.0 = 0.95, 1.6/1.6 = 1.0.
        assertEquals(0.95, actor.ratioToExecutor().median(), 1e-9);
        assertEquals(0.9, actor.ratioToExecutor().min(), 1e-9);
        assertEquals(1.0, actor.ratioToExecutor().max(), 1e-9);

        var text = summary.render();
        assertTrue(text.contains("Over 3 trials"), text);
        assertTrue(text.contains("0.950 (0.900-1.000)"), text);
        assertTrue(text.contains("With 6 or more trials"), "three trials bound no median with 95 %: " + text);

        summary.write(dir);
        var json = new ObjectMapper().readTree(dir.resolve(BenchSummary.BENCH_JSON).toFile());
        assertEquals(3, json.get("trials").asInt());
        assertEquals(0.95, json.at("/rows/1/ratioToExecutor/median").asDouble(), 1e-9);
        assertEquals(0.9, json.at("/rows/1/ratioToExecutor/byTrial/0").asDouble(), 1e-9);
        assertEquals(1.0, json.at("/rows/1/ratioToExecutor/byTrial/2").asDouble(), 1e-9);
    }

    @Test
    void theMachinesCoreScalingOfEveryTrialIsTheLastRow() {
        var trials = List.of(withCoreScaling(trial(1.8, 1.62), 3.9), withCoreScaling(trial(2.0, 1.9), 3.1), withCoreScaling(trial(1.6, 1.6), 3.5));

        var summary = BenchSummary.of(trials);

        var last = summary.rows().get(summary.rows().size() - 1);
        assertEquals("core scaling, 4 threads", last.label());
        assertEquals(List.of(3.9, 3.1, 3.5), last.speedup().byTrial());
        assertEquals(3.5, last.speedup().median(), 1e-9);
        assertTrue(Double.isNaN(last.imagesPerSec().median()));
        assertTrue(summary.render().contains("3.50 (3.10-3.90)"), summary.render());
    }

    private static org.pekkolab.imagepipeline.results.Report withCoreScaling(org.pekkolab.imagepipeline.results.Report report, double speedup) {
        return new org.pekkolab.imagepipeline.results.Report(report.host(), report.input(), report.delivery(), report.filters(), report.baseline(), report.runs(),
                report.failures(), report.clusterCost(), report.dispatchers(), new CoreScaling(4, speedup), report.coreSpeed());
    }

    @Test
    void theMedianIntervalIsTheKthSmallestToTheKthLargestWithAtLeast95PercentConfidence() {
        assertEquals(0, BenchSummary.intervalRank(5), "min-max of 5 bound the median with 93.75 % only");
        assertEquals(1, BenchSummary.intervalRank(6));
        assertEquals(2, BenchSummary.intervalRank(9));
        assertEquals(4, BenchSummary.intervalRank(15));
        assertEquals(10.0 / 512, BenchSummary.binomialHalfCdf(9, 1), 1e-15);

        // Nine trials, the actor row's ratio 0.91, 0.92, ... 0.99 in shuffled order: the interval is the 2nd to the 8th.
        var ratios = List.of(0.95, 0.91, 0.99, 0.93, 0.97, 0.92, 0.98, 0.94, 0.96);
        var trials = ratios.stream().map(ratio -> trial(2.0, 2.0 * ratio)).toList();
        var actor = BenchSummary.of(trials).rows().get(1).ratioToExecutor();
        assertEquals(0.95, actor.median(), 1e-9);
        assertEquals(0.92, actor.medianLow(), 1e-9);
        assertEquals(0.98, actor.medianHigh(), 1e-9);
        assertEquals(1 - 20.0 / 512, actor.confidence(), 1e-12);

        var text = BenchSummary.of(trials).render();
        assertTrue(text.contains("Where the medians lie, with 96.1 % confidence"), text);
        assertTrue(text.lines().anyMatch(line -> line.matches("single/fork-join/2w\\s+1\\.84-1\\.96\\s+0\\.920-0\\.980")), text);
        assertTrue(text.lines().anyMatch(line -> line.matches("executor/2w\\s+2\\.00-2\\.00")), text);
    }
}
