package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.results.Report;
import org.pekkolab.imagepipeline.results.RunKind;

class ChartWriterTest {

    @TempDir
    Path tmp;

    @Test
    void drawsBothChartsForASweep() throws Exception {
        Report report = Fixtures.sweep();
        assertValidPngs(ChartWriter.write(report, Analysis.of(report), tmp));
    }

    @Test
    void seriesAreGroupedByModeDispatcherAndNodesAndSortedByWorkers() {
        var series = ChartWriter.series(Fixtures.sweep().runs());

        assertEquals(List.of("executor/thread-pool", "single/fork-join", "cluster/fork-join x2 nodes"), List.copyOf(series.keySet()));
        assertEquals(List.of(1, 2, 4), series.get("single/fork-join").stream().map(r -> r.setup().workers()).toList());
    }

    @Test
    void copesWithASingleWorkerCount() throws Exception {
        var one = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 1, 0.9, List.of(), List.of());
        Report report = Fixtures.report(List.of(one), List.of());
        assertValidPngs(ChartWriter.write(report, Analysis.of(report), tmp));
    }

    @Test
    void copesWithOnePointPerSeriesAndNoBaselineRunAtAll() throws Exception {
        var four = Fixtures.run(RunKind.SINGLE, "fork-join", 1, 4, 3.0, List.of(), List.of());
        var exec = Fixtures.run(RunKind.EXECUTOR, "thread-pool", 1, 4, 3.5, List.of(), List.of());
        Report report = Fixtures.report(List.of(four, exec), List.of());
        assertValidPngs(ChartWriter.write(report, Analysis.of(report), tmp));
        assertValidPngs(ChartWriter.write(Fixtures.report(List.of(), List.of()), Analysis.of(List.of(), 4), tmp));
    }

    private static void assertValidPngs(List<Path> files) throws Exception {
        assertEquals(List.of("speedup.png", "throughput.png"), files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, file + " is not a readable image");
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
        }
    }
}
