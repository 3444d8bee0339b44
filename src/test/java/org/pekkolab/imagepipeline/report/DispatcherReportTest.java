package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;

/** What each dispatcher ran on, in report.json and on the console; pull and push as separate chart lines. */
class DispatcherReportTest {

    @TempDir
    Path tmp;

    private static Report withDispatchers() {
        var dispatchers = new LinkedHashMap<String, Report.Dispatcher>();
        dispatchers.put("virtual-thread", new Report.Dispatcher("Dispatcher", "virtual-thread-executor", "fork-join-executor",
                threads(1, 2, 4), 1, "Java 17 has no virtual threads; it runs on its fallback fork-join-executor"));
        dispatchers.put("pinned", new Report.Dispatcher("PinnedDispatcher", "thread-pool-executor", "thread-pool-executor",
                threads(1, 2, 4), null, "a thread of its own per worker, all its messages per turn; --threads and --throughput do not apply"));
        var sweep = Fixtures.sweep();
        return new Report(sweep.host(), sweep.input(), sweep.delivery(), sweep.filters(), sweep.baseline(), sweep.runs(), sweep.failures(), null, dispatchers, sweep.coreScaling(), sweep.coreSpeed());
    }

    private static Map<Integer, Integer> threads(int... workerCounts) {
        var threads = new LinkedHashMap<Integer, Integer>();
        for (int workers : workerCounts) {
            threads.put(workers, workers);
        }
        return threads;
    }

    @Test
    void reportJsonSaysWhatEachPresetRanOn() throws Exception {
        ReportWriter.write(withDispatchers(), tmp);
        var root = new ObjectMapper().readTree(tmp.resolve(ReportWriter.REPORT_JSON).toFile());

        var virtual = root.at("/dispatchers/virtual-thread");
        assertEquals("virtual-thread-executor", virtual.get("executor").asText());
        assertEquals("fork-join-executor", virtual.get("runsOn").asText());
        assertEquals(4, virtual.at("/threads/4").asInt());
        assertEquals(1, virtual.get("throughput").asInt());
        assertTrue(virtual.get("note").asText().startsWith("Java 17 has no virtual threads"));
        assertTrue(root.at("/dispatchers/pinned/throughput").isNull());
        assertEquals(6, root.get("runs").size(), "the other fields are as before");
    }

    @Test
    void consoleListsEachDispatcherWithItsThreadsWithinTheWidth() {
        var text = ConsoleReport.render(withDispatchers());

        assertTrue(text.contains("  virtual-thread: fork-join-executor, 1, 2, 4 threads for 1, 2, 4 workers, throughput 1" + System.lineSeparator()
                + "    Java 17 has no virtual threads; it runs on its fallback fork-join-executor"), text);
        assertTrue(text.contains("  pinned: thread-pool-executor (PinnedDispatcher), 1, 2, 4 threads for 1, 2, 4 workers" + System.lineSeparator()), text);
        text.lines().forEach(line -> assertTrue(line.length() <= 120, line));
    }

    @Test
    void pushRunsAreALineOfTheirOwn() {
        var pull = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 2, 1.8, List.of(), List.of());
        var push = Fixtures.runBuilder(Fixtures.setup(RunKind.SINGLE, "fork-join", "push", 1, 2), 1.8)
                .voluntarySwitchesPerImage(Double.NaN)
                .involuntarySwitchesPerImage(Double.NaN)
                .workerStats(List.of())
                .build();

        assertEquals(List.of("single/fork-join", "single/fork-join/push"), List.copyOf(ChartWriter.series(List.of(pull, push)).keySet()));
    }
}
