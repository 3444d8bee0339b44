package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.filters.FilterRegistry;
import org.pekkolab.imagepipeline.filters.ImageFilter;
import org.pekkolab.imagepipeline.image.RasterImage;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.Supervision;

/** The worker protocol on a real actor system: distribution, flow control, supervision, accounting. */
class RunSupervisorTest {

    /**
     * With the project's configuration (its blocking I/O dispatcher is needed) and a "test"
     * dispatcher preset sized for the worker counts used here, as PipelineSystem would add it.
     */
    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
                    "pipeline.run-dispatchers { \"test-2\" = ${pipeline.dispatchers.fork-join}, \"test-3\" = ${pipeline.dispatchers.fork-join},"
                            + " \"test-4\" = ${pipeline.dispatchers.fork-join} }")
            .withFallback(ConfigFactory.load())
            .resolve());
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path inputs;

    /** Four small images of widths 16 to 19. */
    private static List<Path> files;
    /** Twenty images, each of its own width (16 to 35), so a filter can tell them apart. */
    private static List<Path> distinctFiles;

    @BeforeAll
    static void writeInputs() throws IOException {
        distinctFiles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var image = new BufferedImage(16 + i, 12, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, (x * 16 + i) << 16 | (y * 20) << 8 | (x * y) & 0xFF);
                }
            }
            var file = inputs.resolve("image-" + i + ".png");
            ImageIO.write(image, "png", file.toFile());
            distinctFiles.add(file);
        }
        files = distinctFiles.subList(0, 4);
        Files.writeString(inputs.resolve("broken.png"), "this is not an image");
    }

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static int runs;

    /** One run on a node agent of its own, whose workers use {@code processor}. */
    private static RunOutcome run(List<Path> inputFiles, int repeat, int workers, int window, ImageProcessor processor, int maxRetries) {
        return run(inputFiles, repeat, workers, window, processor, maxRetries, ControlDispatcher.SHARED, done -> { });
    }

    /** @param onProgress called by the supervisor, on its thread, for every image accounted for */
    private static RunOutcome run(List<Path> inputFiles, int repeat, int workers, int window, ImageProcessor processor, int maxRetries,
            ControlDispatcher control, IntConsumer onProgress) {
        var probe = testKit.<RunOutcome>createTestProbe();
        var node = testKit.spawn(NodeAgent.create(false, spec -> processor));
        var spec = WorkerSpec.builder("test-" + (++runs)).workers(workers).window(window)
                .faults(new FaultSettings(maxRetries, Supervision.RESTART, FaultPlan.NONE)).control(control).build();
        var plan = TestPlans.plan(inputFiles, repeat, spec, List.of(node));
        testKit.spawn(RunSupervisor.create(plan, onProgress, probe.getRef()), spec.controlDispatcher());
        var outcome = probe.receiveMessage(TIMEOUT);
        testKit.stop(node);
        return outcome;
    }

    private static ImageProcessor processor(ImageFilter... extra) {
        var filters = new ArrayList<>(FilterRegistry.parse("grayscale,blur"));
        filters.addAll(List.of(extra));
        return new ImageProcessor(new ImageDecoder(100_000_000L), new FilterChain(filters), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(names = {"SHARED", "OWN"})
    void theSupervisorWorksOnTheDispatcherItsControlSettingNames(ControlDispatcher control) {
        var supervisorThreads = ConcurrentHashMap.<String>newKeySet();
        var outcome = run(files, 5, 2, 4, processor(), 2, control, done -> supervisorThreads.add(Thread.currentThread().getName()));

        assertEquals(20, outcome.processed());
        assertFalse(supervisorThreads.isEmpty());
        var expected = control == ControlDispatcher.SHARED ? "pipeline.run-dispatchers.\"test-2\"" : "pekko.actor.default-dispatcher";
        for (var thread : supervisorThreads) {
            assertTrue(thread.contains(expected), thread + " is not a thread of " + expected);
        }
    }

    @Test
    void distributesOverAllWorkersAndAccountsForEveryImage() {
        var outcome = run(files, 25, 4, 4, processor(), 2);

        assertEquals(100, outcome.images());
        assertEquals(100, outcome.processed());
        assertEquals(0, outcome.lost());
        assertEquals(0, outcome.retried());
        assertEquals(4, outcome.workerStats().size(), "every worker got images");
        assertEquals(100, outcome.workerStats().stream().mapToInt(w -> w.images()).sum());
        assertEquals(100, outcome.timings().size());
    }

    @Test
    void inFlightStaysBoundedWithThousandsQueued() {
        int workers = 3;
        int window = 3;
        var outcome = run(files, 1_000, workers, window, processor(), 2);

        assertEquals(4_000, outcome.processed());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.peakInFlight() <= workers * window,
                "peak in flight " + outcome.peakInFlight() + " exceeds workers x window");
        assertTrue(outcome.peakInFlight() >= workers, "every worker had work: " + outcome.peakInFlight());
    }

    @Test
    void throwingWorkerIsRestartedAndItsImageRetried() {
        var outcome = run(distinctFiles, 1, 2, 4, processor(new FailsFirstAttempt()), 2);

        assertEquals(20, outcome.processed());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.failures().isEmpty(), "failures: " + outcome.failures());
        assertEquals(20, outcome.retried(), "each image failed once, then succeeded");
        assertEquals(20, outcome.restarts());
    }

    @Test
    void imageThatAlwaysThrowsFailsAfterMaxRetriesAndNothingIsLost() {
        var outcome = run(files, 2, 2, 4, processor(new AlwaysFails(17)), 3);

        assertEquals(6, outcome.processed());
        assertEquals(2, outcome.failures().size());
        assertTrue(outcome.failures().get(0).reason().contains("gave up after 4 attempts"), outcome.failures().get(0).reason());
        assertEquals(0, outcome.lost());
        assertEquals(2 * 3, outcome.retried());
        assertEquals(2 * 4, outcome.restarts());
    }

    @Test
    void undecodableInputIsAFailureWithAReasonNotARetry() {
        var withBroken = new ArrayList<>(files);
        withBroken.add(inputs.resolve("broken.png"));
        var outcome = run(withBroken, 1, 2, 4, processor(), 2);

        assertEquals(4, outcome.processed());
        assertEquals(1, outcome.failures().size());
        assertEquals("broken.png", outcome.failures().get(0).file());
        assertEquals(0, outcome.retried());
        assertEquals(0, outcome.lost());
    }

    /** Throws on the first attempt of every image (told apart by width), like a transient fault. */
    private static final class FailsFirstAttempt implements ImageFilter {
        private final Set<Integer> seen = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "fails-first-attempt";
        }

        @Override
        public RasterImage apply(RasterImage input) {
            if (seen.add(input.width())) {
                throw new IllegalStateException("injected fault");
            }
            return input;
        }
    }

    /** Throws on every attempt for images of one width. */
    private record AlwaysFails(int width) implements ImageFilter {
        @Override
        public String name() {
            return "always-fails";
        }

        @Override
        public RasterImage apply(RasterImage input) {
            if (input.width() == width) {
                throw new IllegalStateException("injected permanent fault");
            }
            return input;
        }
    }
}
