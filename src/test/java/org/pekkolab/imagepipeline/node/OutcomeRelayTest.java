package org.pekkolab.imagepipeline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Outcomes for a supervisor on another node go in batches, none held longer than the interval, until
 * the supervisor has handed out its last images.
 */
class OutcomeRelayTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void outcomesWithinTheIntervalTravelInOneMessage() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var relay = testKit.spawn(OutcomeRelay.create(Duration.ofMillis(200)));
        var outcomes = List.<ImageOutcome>of(new ImageOutcome.AttemptFailed(1, "worker-1"), new ImageOutcome.Undelivered(2, 1),
                new ImageOutcome.Failed(3, "c.jpg", "not a decodable image", 1));
        outcomes.forEach(outcome -> relay.tell(new OutcomeRelay.Relay(supervisor.getRef(), outcome)));

        assertEquals(new ImageOutcome.Batch(outcomes), supervisor.receiveMessage(Duration.ofSeconds(5)));
        supervisor.expectNoMessage(Duration.ofMillis(300));
    }

    @Test
    void aLoneOutcomeGoesAsItIsAfterTheInterval() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var relay = testKit.spawn(OutcomeRelay.create(Duration.ofMillis(50)));
        relay.tell(new OutcomeRelay.Relay(supervisor.getRef(), new ImageOutcome.Undelivered(7, 2)));

        assertEquals(new ImageOutcome.Undelivered(7, 2), supervisor.receiveMessage(Duration.ofSeconds(5)));
    }

    @Test
    void aFullBatchGoesAtOnce() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var relay = testKit.spawn(OutcomeRelay.create(Duration.ofMinutes(10)));
        for (int id = 0; id < 32; id++) {
            relay.tell(new OutcomeRelay.Relay(supervisor.getRef(), new ImageOutcome.Undelivered(id, 1)));
        }

        var batch = (ImageOutcome.Batch) supervisor.receiveMessage(Duration.ofSeconds(5));
        assertEquals(32, batch.outcomes().size());
    }

    @Test
    void afterTheLastImagesWereSentWhatWaitsGoesAndEveryOutcomeAfterItAtOnce() {
        var supervisor = testKit.<ImageOutcome>createTestProbe();
        var relay = testKit.spawn(OutcomeRelay.create(Duration.ofMinutes(10)));
        relay.tell(new OutcomeRelay.Relay(supervisor.getRef(), new ImageOutcome.Undelivered(1, 1)));
        relay.tell(new OutcomeRelay.Relay(supervisor.getRef(), new ImageOutcome.Undelivered(2, 1)));
        supervisor.expectNoMessage(Duration.ofMillis(100));

        relay.tell(OutcomeRelay.AtOnce.INSTANCE);
        assertEquals(new ImageOutcome.Batch(List.of(new ImageOutcome.Undelivered(1, 1), new ImageOutcome.Undelivered(2, 1))),
                supervisor.receiveMessage(Duration.ofSeconds(5)));
        relay.tell(new OutcomeRelay.Relay(supervisor.getRef(), new ImageOutcome.Undelivered(3, 1)));
        assertEquals(new ImageOutcome.Undelivered(3, 1), supervisor.receiveMessage(Duration.ofSeconds(5)));
    }
}
