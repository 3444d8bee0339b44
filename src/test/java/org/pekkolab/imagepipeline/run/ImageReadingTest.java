package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.settings.IoDispatcher;
import org.pekkolab.imagepipeline.settings.ReadSettings;
import org.pekkolab.imagepipeline.source.ImageServer;
import org.pekkolab.imagepipeline.source.ImageSource;

/** The read path of a run on a real actor system: URLs from a local HTTP server, each I/O dispatcher, added latency. */
class ImageReadingTest {

    /** The project's configuration, with the run dispatcher a 2-worker "test" run uses (PipelineSystem would add it). */
    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
                    "pipeline.run-dispatchers { \"test-2\" = ${pipeline.dispatchers.fork-join} }")
            .withFallback(ConfigFactory.load())
            .resolve());
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(1);

    private static ImageServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = new ImageServer(4, 32, 24);
    }

    @AfterAll
    static void shutdown() {
        try {
            server.close();
        } finally {
            testKit.shutdownTestKit();
        }
    }

    private static int runs;

    private static RunOutcome run(List<ImageSource> sources, ReadSettings reads) {
        var probe = testKit.<RunOutcome>createTestProbe();
        var processor = new ImageProcessor(new ImageDecoder(100_000_000L), FilterChain.parse("grayscale,blur"), Optional.empty());
        var node = testKit.spawn(NodeAgent.create(false, spec -> processor));
        var spec = WorkerSpec.builder("reading-" + (++runs)).build();
        testKit.spawn(RunSupervisor.create(new RunPlan(sources, 1, spec, List.of(node), reads), done -> { },
                probe.getRef()), spec.controlDispatcher());
        var outcome = probe.receiveMessage(TIMEOUT);
        testKit.stop(node);
        return outcome;
    }

    /** {@code count} small PNG files named {@code prefix}1.png onwards. */
    private static List<ImageSource> localFiles(String prefix, int count) throws IOException {
        var sources = new ArrayList<ImageSource>();
        for (int i = 1; i <= count; i++) {
            var file = dir.resolve(prefix + i + ".png");
            Files.write(file, ImageEncoder.encodePng(SyntheticImages.generate(16, 12, 3, i)));
            sources.add(new ImageSource.LocalFile(file));
        }
        return sources;
    }

    @ParameterizedTest
    @EnumSource(IoDispatcher.class)
    void urlsThatFailAreListedWithTheirReasonAndTheRunGoesOn(IoDispatcher dispatcher) {
        var sources = new ArrayList<ImageSource>();
        server.imageUris().forEach(uri -> sources.add(ImageSource.WebImage.of(uri, sources.size() + 1)));
        sources.add(2, ImageSource.WebImage.of(server.uri("/missing.png"), 0));
        sources.add(1, ImageSource.WebImage.of(server.uri("/slow.png"), 0));

        var outcome = run(sources, new ReadSettings(dispatcher, 4, 4, Duration.ZERO, HTTP_TIMEOUT));

        assertEquals(6, outcome.images());
        assertEquals(4, outcome.processed());
        assertEquals(0, outcome.lost());
        Map<String, String> reasons = outcome.failures().stream().collect(Collectors.toMap(Failure::file, Failure::reason));
        assertEquals(Map.of("missing.png", "HTTP 404", "slow.png", "timed out after 1 s"), reasons);
        assertEquals(List.of("image-1.png", "image-2.png", "image-3.png", "image-4.png"),
                outcome.timings().stream().map(ImageTiming::image).sorted().toList());
    }

    @Test
    void localFilesReadInBatchesAreEachDoneOnceAndAMissingOneIsListed() throws IOException {
        var sources = localFiles("batch-", 10);
        sources.add(5, new ImageSource.LocalFile(dir.resolve("gone.png")));

        // Two readers, four files to a read: three reads cover the eleven files.
        var outcome = run(sources, new ReadSettings(IoDispatcher.BLOCKING, 2, 4, 4, Duration.ZERO, HTTP_TIMEOUT));

        assertEquals(11, outcome.images());
        assertEquals(10, outcome.processed());
        assertEquals(0, outcome.lost());
        assertEquals(List.of("gone.png"), outcome.failures().stream().map(Failure::file).toList());
        assertEquals(10, outcome.timings().stream().map(ImageTiming::image).distinct().count());
    }

    @Test
    void addedLatencyDelaysEveryRead() throws IOException {
        var sources = localFiles("local-", 10);

        // One reader: the ten reads happen one after another.
        var outcome = run(sources, new ReadSettings(IoDispatcher.BLOCKING, 1, 4, Duration.ofMillis(50), HTTP_TIMEOUT));

        assertEquals(10, outcome.processed());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.wallMs() >= 500, "10 reads of 50 ms one after another took " + outcome.wallMs() + " ms");
    }
}
