package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.processing.FaultInjector;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.results.WorkerStats;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.Supervision;

/**
 * Injected faults under each supervision strategy, on real runs: every image is accounted for,
 * and the counters match what the fault plan predicts, since it decides every attempt from the
 * seed, the image id and the attempt number alone.
 */
class FaultSupervisionTest {

    /**
     * The project's configuration (blocking I/O dispatcher, pipeline.backoff) with a "test" preset
     * per worker count, and shorter back-off pauses: tiny images fail in quick succession, so the
     * back-off never resets and the shipped pauses (up to 500 ms) would make the test slow.
     */
    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
                    "pipeline.run-dispatchers { \"test-2\" = ${pipeline.dispatchers.fork-join}, \"test-3\" = ${pipeline.dispatchers.fork-join} }\n"
                            + "pipeline.backoff { min = 2ms, max = 40ms }")
            .withFallback(ConfigFactory.load())
            .resolve());
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ImageProcessor PROCESSOR = new ImageProcessor(
            new ImageDecoder(1_000_000L), new FilterChain(FilterRegistry.parse("grayscale")), Optional.empty());

    @TempDir
    static Path inputs;

    /** 200 tiny images with distinct names: with repeat 1, image id i is file i, so a failure names its id. */
    private static List<Path> files;

    @BeforeAll
    static void writeInputs() throws IOException {
        files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            var image = new BufferedImage(8, 6, BufferedImage.TYPE_3BYTE_BGR);
            image.setRGB(i % 8, i % 6, 0xFFFFFF);
            var file = inputs.resolve("image-" + i + ".png");
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
    }

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static int runs;

    private static RunOutcome run(int images, int workers, Supervision supervision, FaultPlan faults, int maxRetries) {
        return run(images, workers, supervision, faults, maxRetries, Distribution.PULL);
    }

    private static RunOutcome run(int images, int workers, Supervision supervision, FaultPlan faults, int maxRetries, Distribution distribution) {
        var probe = testKit.<RunOutcome>createTestProbe();
        var node = testKit.spawn(NodeAgent.create(false, spec -> PROCESSOR));
        var spec = WorkerSpec.builder("faults-" + (++runs)).workers(workers).images(new ImageSettings(List.of("grayscale"), 1_000_000L))
                .faults(new FaultSettings(maxRetries, supervision, faults)).control(ControlDispatcher.OWN).distribution(distribution, 0).build();
        var plan = TestPlans.plan(files.subList(0, images), 1, spec, List.of(node));
        testKit.spawn(RunSupervisor.create(plan, done -> { }, probe.getRef()), spec.controlDispatcher());
        var outcome = probe.receiveMessage(TIMEOUT);
        testKit.stop(node);
        return outcome;
    }

    /** What a run must report, worked out from the fault plan alone. */
    private record Expected(int processed, int retried, int restarts, Set<String> failed) {

        static Expected of(FaultPlan faults, int images, int maxRetries) {
            var injector = new FaultInjector(faults);
            int processed = 0;
            int retried = 0;
            int restarts = 0;
            var failed = new TreeSet<String>();
            for (int id = 0; id < images; id++) {
                int failedAttempts = 0;
                while (failedAttempts <= maxRetries && fails(injector, id, failedAttempts + 1)) {
                    failedAttempts++;
                }
                // Every failed attempt is one supervision event; every attempt after the first is a retry.
                restarts += failedAttempts;
                if (failedAttempts == maxRetries + 1) {
                    failed.add("image-" + id + ".png");
                    retried += maxRetries;
                } else {
                    processed++;
                    retried += failedAttempts;
                }
            }
            return new Expected(processed, retried, restarts, failed);
        }

        private static boolean fails(FaultInjector injector, long id, int attempt) {
            try {
                injector.beforeAttempt(id, attempt);
                return false;
            } catch (FaultInjector.InjectedFault e) {
                return true;
            }
        }
    }

    private static Set<String> failedNames(RunOutcome outcome) {
        return outcome.failures().stream().map(Failure::file).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(Supervision.class)
    void twentyPercentFaultsLoseNothingAndCountersMatchThePlan(Supervision supervision) {
        twentyPercentFaults(supervision, Distribution.PULL);
    }

    /** The stream retries in its stage; its counters are the actor workers'. */
    @ParameterizedTest
    @EnumSource(Supervision.class)
    void twentyPercentFaultsInAStreamLoseNothingAndCountersMatchThePlan(Supervision supervision) {
        twentyPercentFaults(supervision, Distribution.STREAM);
    }

    private static void twentyPercentFaults(Supervision supervision, Distribution distribution) {
        var faults = new FaultPlan(0.2, 0, 0, 42);
        int maxRetries = 3;
        var expected = Expected.of(faults, 200, maxRetries);

        var outcome = run(200, 3, supervision, faults, maxRetries, distribution);

        assertEquals(0, outcome.lost());
        assertEquals(200, outcome.processed() + outcome.failures().size());
        assertEquals(expected.processed(), outcome.processed());
        assertEquals(expected.failed(), failedNames(outcome));
        assertEquals(expected.retried(), outcome.retried());
        assertTrue(outcome.restarts() > 0);
        // One supervision event per failed attempt: the retries of processed images, plus all attempts of failed ones.
        assertEquals(outcome.retried() + outcome.failures().size(), outcome.restarts(),
                "restarts = retried + permanently failed; expected " + expected);
        assertEquals(expected.processed(), outcome.timings().size());
        assertEquals(expected.processed(), outcome.workerStats().stream().mapToInt(WorkerStats::images).sum(),
                "no image processed twice");
        assertTrue(outcome.workerStats().size() <= 3, "a replacement takes the name of the worker it replaces");
    }

    @ParameterizedTest
    @EnumSource(Supervision.class)
    void imagesThatFailEveryAttemptAreListedAfterMaxRetriesAndTheRunCompletes(Supervision supervision) {
        int images = 6;
        int maxRetries = 2;

        var outcome = run(images, 2, supervision, new FaultPlan(1, 0, 0, 7), maxRetries);

        assertEquals(0, outcome.lost());
        assertEquals(0, outcome.processed());
        assertEquals(images, outcome.failures().size());
        for (var failure : outcome.failures()) {
            assertTrue(failure.reason().startsWith("InjectedFault: injected fault"), failure.reason());
            assertTrue(failure.reason().endsWith("(gave up after 3 attempts)"), failure.reason());
        }
        assertEquals(images * maxRetries, outcome.retried());
        assertEquals(images * (maxRetries + 1), outcome.restarts());
    }

    @Test
    void theSameSeedFailsTheSameImages() {
        var faults = new FaultPlan(0.5, 0, 0, 11);
        var expected = Expected.of(faults, 60, 1);
        assertTrue(expected.failed().size() >= 5, "a seed that fails some images for good: " + expected);

        var first = run(60, 3, Supervision.STOP, faults, 1);
        var second = run(60, 2, Supervision.RESTART, faults, 1);
        var otherSeed = run(60, 3, Supervision.STOP, new FaultPlan(0.5, 0, 0, 12), 1);

        assertEquals(expected.failed(), failedNames(first));
        assertEquals(failedNames(first), failedNames(second));
        assertNotEquals(failedNames(first), failedNames(otherSeed));
        assertEquals(0, first.lost() + second.lost() + otherSeed.lost());
    }
}
