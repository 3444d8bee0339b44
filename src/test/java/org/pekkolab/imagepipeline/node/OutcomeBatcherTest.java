package org.pekkolab.imagepipeline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Outcomes for a supervisor on another node go in batches, none held much longer than the interval
 * (however busy the thread that produced them), until the supervisor has handed out its last images.
 */
class OutcomeBatcherTest {

    /** One fork-join thread, as a node with one worker has. */
    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString("""
            one-worker-thread {
              type = Dispatcher
              executor = fork-join-executor
              fork-join-executor { parallelism-min = 1, parallelism-max = 1 }
              throughput = 1
            }
            """).withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static OutcomeBatcher batcher(Duration interval) {
        return new OutcomeBatcher(interval, testKit.system().scheduler());
    }

    @Test
    void outcomesWithinTheIntervalTravelInOneMessage() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var batcher = batcher(Duration.ofMillis(200));
        var outcomes = List.<ImageOutcome>of(new ImageOutcome.AttemptFailed(1, "worker-1"), new ImageOutcome.Undelivered(2, 1),
                new ImageOutcome.Failed(3, "c.jpg", "not a decodable image", 1));
        outcomes.forEach(outcome -> batcher.send(supervisor.getRef(), outcome));

        assertEquals(new ImageOutcome.Batch(outcomes), supervisor.receiveMessage(Duration.ofSeconds(5)));
        supervisor.expectNoMessage(Duration.ofMillis(300));
    }

    @Test
    void aLoneOutcomeGoesAsItIsAfterTheInterval() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        batcher(Duration.ofMillis(50)).send(supervisor.getRef(), new ImageOutcome.Undelivered(7, 2));

        assertEquals(new ImageOutcome.Undelivered(7, 2), supervisor.receiveMessage(Duration.ofSeconds(5)));
    }

    @Test
    void withoutAnIntervalEachOutcomeGoesAtOnce() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var batcher = batcher(Duration.ZERO);
        batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(1, 1));
        batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(2, 1));

        assertEquals(new ImageOutcome.Undelivered(1, 1), supervisor.receiveMessage(Duration.ofSeconds(5)));
        assertEquals(new ImageOutcome.Undelivered(2, 1), supervisor.receiveMessage(Duration.ofSeconds(5)));
    }

    @Test
    void aFullBatchGoesAtOnce() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var batcher = batcher(Duration.ofMinutes(10));
        for (int id = 0; id < 32; id++) {
            batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(id, 1));
        }

        var batch = (ImageOutcome.Batch) supervisor.receiveMessage(Duration.ofSeconds(5));
        assertEquals(32, batch.outcomes().size());
    }

    @Test
    void afterTheLastImagesWereSentWhatWaitsGoesAndEveryOutcomeAfterItAtOnce() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var batcher = batcher(Duration.ofMinutes(10));
        batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(1, 1));
        batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(2, 1));
        supervisor.expectNoMessage(Duration.ofMillis(100));

        batcher.atOnce();
        assertEquals(new ImageOutcome.Batch(List.of(new ImageOutcome.Undelivered(1, 1), new ImageOutcome.Undelivered(2, 1))),
                supervisor.receiveMessage(Duration.ofSeconds(5)));
        batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(3, 1));
        assertEquals(new ImageOutcome.Undelivered(3, 1), supervisor.receiveMessage(Duration.ofSeconds(5)));
    }

    /**
     * A worker whose fork-join thread always has its next message queued: a relay actor beside it
     * got its timer through the pool's shared queue and sent nothing until the worker stopped.
     */
    @Test
    void aBusyWorkersOutcomesGoWithinTheInterval() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var batcher = batcher(Duration.ofMillis(20));
        var stop = new AtomicBoolean();
        record Image(int id) {}
        var worker = testKit.spawn(Behaviors.<Image>receive((context, image) -> {
            long busyUntil = System.nanoTime() + Duration.ofMillis(2).toNanos();
            while (System.nanoTime() < busyUntil) {
                Thread.onSpinWait();
            }
            batcher.send(supervisor.getRef(), new ImageOutcome.Undelivered(image.id(), 1));
            if (!stop.get()) {
                context.getSelf().tell(new Image(image.id() + 1));
            }
            return Behaviors.same();
        }), "busy-worker", DispatcherSelector.fromConfig("one-worker-thread"));
        try {
            long start = System.nanoTime();
            worker.tell(new Image(0));
            supervisor.receiveMessage(Duration.ofSeconds(10));
            long waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waitedMs < 1_000, "the first outcomes came after " + waitedMs + " ms of a busy worker");
        } finally {
            stop.set(true);
        }
    }
}
