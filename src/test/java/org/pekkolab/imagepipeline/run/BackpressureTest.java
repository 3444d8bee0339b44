package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Routers;
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
import org.pekkolab.imagepipeline.node.ImageJob;
import org.pekkolab.imagepipeline.node.ImageOutcome;
import org.pekkolab.imagepipeline.node.NodeAgent;
import org.pekkolab.imagepipeline.node.PushWorker;
import org.pekkolab.imagepipeline.node.WorkerSpec;
import org.pekkolab.imagepipeline.processing.FaultInjector;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.Distribution;
import org.pekkolab.imagepipeline.settings.FaultPlan;
import org.pekkolab.imagepipeline.settings.FaultSettings;
import org.pekkolab.imagepipeline.settings.ImageSettings;
import org.pekkolab.imagepipeline.settings.Supervision;

/** Pull keeps images in flight bounded; push floods the mailboxes, bounded or not, and still loses nothing. */
class BackpressureTest {

    /** The project's configuration (blocking I/O dispatcher, push mailbox) with a "test" preset sized as PipelineSystem would. */
    private static final Config CONFIG = ConfigFactory.parseString("pipeline.run-dispatchers { \"test-2\" = ${pipeline.dispatchers.fork-join} }")
            .withFallback(ConfigFactory.load())
            .resolve();
    private static final ActorTestKit testKit = ActorTestKit.create(CONFIG);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WORKERS = 2;
    private static final int WINDOW = 3;

    @TempDir
    static Path inputs;

    private static Path tiny;
    /** Twenty small images. */
    private static List<Path> files;

    @BeforeAll
    static void writeInputs() throws IOException {
        tiny = inputs.resolve("tiny.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "png", tiny.toFile());
        files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var file = inputs.resolve("image-" + i + ".png");
            ImageIO.write(new BufferedImage(16 + i, 12, BufferedImage.TYPE_3BYTE_BGR), "png", file.toFile());
            files.add(file);
        }
    }

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static int runs;

    private static RunOutcome run(List<Path> inputFiles, int repeat, Distribution distribution, int mailboxCapacity,
            Supervision supervision, FaultPlan faults, ImageFilter... extra) {
        return run(inputFiles, repeat, distribution, mailboxCapacity, supervision, faults, ControlDispatcher.SHARED, extra);
    }

    private static RunOutcome run(List<Path> inputFiles, int repeat, Distribution distribution, int mailboxCapacity,
            Supervision supervision, FaultPlan faults, ControlDispatcher control, ImageFilter... extra) {
        return run(testKit, inputFiles, repeat, distribution, mailboxCapacity, supervision, faults, control, extra);
    }

    private static RunOutcome run(ActorTestKit testKit, List<Path> inputFiles, int repeat, Distribution distribution, int mailboxCapacity,
            Supervision supervision, FaultPlan faults, ControlDispatcher control, ImageFilter... extra) {
        var filters = new ArrayList<>(FilterRegistry.parse("grayscale"));
        filters.addAll(List.of(extra));
        var processor = new ImageProcessor(new ImageDecoder(100_000_000L), new FilterChain(filters), Optional.empty());
        var probe = testKit.<RunOutcome>createTestProbe();
        var node = testKit.spawn(NodeAgent.create(false, spec -> processor));
        var spec = WorkerSpec.builder("backpressure-" + (++runs)).workers(WORKERS).images(new ImageSettings(List.of("grayscale"), 100_000_000L))
                .window(WINDOW).distribution(distribution, mailboxCapacity).faults(new FaultSettings(2, supervision, faults)).control(control).build();
        testKit.spawn(RunSupervisor.create(TestPlans.plan(inputFiles, repeat, spec, List.of(node)), done -> { },
                probe.getRef()), spec.controlDispatcher());
        var outcome = probe.receiveMessage(TIMEOUT);
        testKit.stop(node);
        return outcome;
    }

    @Test
    void pullKeepsInFlightWithinWorkersTimesWindowWithTenThousandQueued() {
        var outcome = run(List.of(tiny), 10_000, Distribution.PULL, 0, Supervision.RESTART, FaultPlan.NONE);

        assertEquals(10_000, outcome.processed());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.peakInFlight() <= WORKERS * WINDOW, "peak in flight " + outcome.peakInFlight());
        assertEquals(0, outcome.overflowed());
    }

    /**
     * A stream run with ten thousand images queued: a node holds at most its workers' images, the
     * supervisor's queue and the node's SinkRef buffer (4 each by default).
     */
    @Test
    void streamKeepsInFlightWithinItsBuffersWithTenThousandQueued() {
        var outcome = run(List.of(tiny), 10_000, Distribution.STREAM, 0, Supervision.RESTART, FaultPlan.NONE);

        assertEquals(10_000, outcome.processed());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.peakInFlight() <= WORKERS + 2 * 4, "peak in flight " + outcome.peakInFlight());
        assertTrue(outcome.peakInFlight() > WORKERS, "the buffers were used: " + outcome.peakInFlight());
        assertEquals(10_000, outcome.workerStats().stream().mapToInt(w -> w.images()).sum(), "every image processed once");
    }

    /*
     * The two flooding tests give the supervisor a thread of its own: on the workers' dispatcher it only
     * gets a thread between two images, and then it cannot send faster than they finish.
     */

    @Test
    void pushIntoBoundedMailboxesCountsOverflowAndLosesNothing() {
        int capacity = 4;
        var outcome = run(files, 15, Distribution.PUSH, capacity, Supervision.RESTART, FaultPlan.NONE, ControlDispatcher.OWN, new Slow(5));

        assertEquals(300, outcome.images());
        assertEquals(300, outcome.processed() + outcome.failures().size());
        assertTrue(outcome.failures().isEmpty(), "failures: " + outcome.failures());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.overflowed() > 0, "nothing overflowed");
        assertTrue(outcome.peakMailbox() >= 1 && outcome.peakMailbox() <= capacity, "peak mailbox " + outcome.peakMailbox());
        assertEquals(300, outcome.workerStats().stream().mapToInt(w -> w.images()).sum(), "every image processed once");
    }

    @Test
    void pushIntoUnboundedMailboxesPilesUpMoreThanPullWouldAllow() {
        var outcome = run(files, 10, Distribution.PUSH, 0, Supervision.RESTART, FaultPlan.NONE, ControlDispatcher.OWN, new Slow(5));

        assertEquals(200, outcome.processed());
        assertEquals(0, outcome.lost());
        assertEquals(0, outcome.overflowed());
        assertTrue(outcome.peakMailbox() > WINDOW, "peak mailbox " + outcome.peakMailbox());
        assertTrue(outcome.peakInFlight() > WORKERS * WINDOW, "peak in flight " + outcome.peakInFlight());
        assertEquals(2, outcome.workerStats().size(), "the router used both workers");
    }

    /**
     * With the heap share that push may fill set to about ten images, reading is held back: the
     * images in flight stay near ten instead of piling up, every image is still processed once,
     * and the outcome says how long reading waited.
     */
    @Test
    void pushHoldsReadingBackBeforeTheImagesSentFillTheirShareOfTheHeap() throws IOException {
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (var file : files) {
            smallest = Math.min(smallest, Files.size(file));
            largest = Math.max(largest, Files.size(file));
        }
        long limitBytes = 10 * largest;
        double share = (double) limitBytes / Runtime.getRuntime().maxMemory();
        var kit = ActorTestKit.create(ConfigFactory.parseString("pipeline.push.held-heap-share = " + share).withFallback(CONFIG));
        try {
            var outcome = run(kit, files, 10, Distribution.PUSH, 0, Supervision.RESTART, FaultPlan.NONE, ControlDispatcher.OWN, new Slow(5));

            assertEquals(200, outcome.processed());
            assertEquals(0, outcome.lost());
            assertTrue(outcome.heldBackMs() > 0, "reading was never held back");
            assertTrue(outcome.peakInFlight() <= limitBytes / smallest + 1, "peak in flight " + outcome.peakInFlight());
            assertEquals(200, outcome.workerStats().stream().mapToInt(w -> w.images()).sum(), "every image processed once");
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void pushWithRoomToSpareIsNeverHeldBack() {
        var outcome = run(files, 2, Distribution.PUSH, 0, Supervision.RESTART, FaultPlan.NONE, ControlDispatcher.OWN);

        assertEquals(40, outcome.processed());
        assertEquals(0.0, outcome.heldBackMs());
    }

    /**
     * Injected faults are decided by image and attempt only, so what the run must report is known
     * in advance: every fault is one supervision event, an image that fails more than max-retries
     * times is a failure, the others are processed after their retries. With a small bounded
     * mailbox, retries and overflow mix.
     */
    @ParameterizedTest
    @EnumSource(Supervision.class)
    void pushWorkersSurviveInjectedFaultsWithBoundedRetries(Supervision supervision) {
        var plan = new FaultPlan(0.2, 0, 0, 7);
        int images = files.size() * 3;
        int maxRetries = 2;
        var injector = new FaultInjector(plan);
        int faults = 0;
        int failed = 0;
        int retried = 0;
        for (int id = 0; id < images; id++) {
            int attempt = 1;
            while (attempt <= maxRetries + 1 && fails(injector, id, attempt)) {
                faults++;
                attempt++;
            }
            if (attempt > maxRetries + 1) {
                failed++;
            }
            retried += Math.min(attempt, maxRetries + 1) - 1;
        }
        assertTrue(faults > 0, "the plan injects faults");

        var outcome = run(files, 3, Distribution.PUSH, 4, supervision, plan, new Slow(1));

        assertEquals(0, outcome.lost());
        assertEquals(images - failed, outcome.processed());
        assertEquals(failed, outcome.failures().size());
        assertEquals(faults, outcome.restarts(), "one supervision event per fault");
        assertEquals(retried, outcome.retried());
        outcome.failures().forEach(failure -> assertTrue(failure.reason().contains("gave up after 3 attempts"), failure.reason()));
    }

    /** The event stream handles subscriptions in order: once this arrives, earlier subscriptions are in place. */
    private record Marker() {}

    @Test
    void attemptsEndingInDeadLettersGoBackToTheirSupervisor() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var node = testKit.spawn(NodeAgent.create(false));
        var markers = testKit.<Marker>createTestProbe();
        testKit.system().eventStream().tell(new EventStream.Subscribe<>(Marker.class, markers.getRef()));
        testKit.system().eventStream().tell(new EventStream.Publish(new Marker()));
        markers.expectMessageClass(Marker.class);

        var routerWithoutRoutees = testKit.spawn(Routers.group(PushWorker.serviceKey("nobody-registered")).withRoundRobinRouting());
        routerWithoutRoutees.tell(new PushWorker.Attempt(new ImageJob(1, "a.png", new byte[8], supervisor.getRef()), 1));
        assertEquals(new ImageOutcome.Undelivered(1, 1), supervisor.receiveMessage());

        var stoppedWorker = testKit.<PushWorker.Command>createTestProbe();
        stoppedWorker.stop();
        stoppedWorker.getRef().tell(new PushWorker.Attempt(new ImageJob(2, "b.png", new byte[8], supervisor.getRef()), 3));
        assertEquals(new ImageOutcome.Undelivered(2, 3), supervisor.receiveMessage());
        testKit.stop(node);
    }

    private static boolean fails(FaultInjector injector, long id, int attempt) {
        try {
            injector.beforeAttempt(id, attempt);
            return false;
        } catch (FaultInjector.InjectedFault fault) {
            return true;
        }
    }

    /** Takes a few milliseconds per image, so that images arrive faster than workers finish them. */
    private record Slow(long millis) implements ImageFilter {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public RasterImage apply(RasterImage input) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        }
    }
}
