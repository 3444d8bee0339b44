package org.pekkolab.imagepipeline.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.MailboxStats;

/** The metered mailbox on a real actor system, with an actor held busy so that its mailbox fills. */
class MeteredMailboxTest {

    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString("""
            one-thread {
              type = Dispatcher
              executor = thread-pool-executor
              thread-pool-executor.fixed-pool-size = 1
            }
            """).withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** Blocks on "block" until released, stops on "stop", reports anything else. */
    private static Behavior<String> holder(CountDownLatch release, ActorRef<String> started, ActorRef<String> processed) {
        return Behaviors.receiveMessage(message -> switch (message) {
            case "block" -> {
                started.tell(message);
                release.await(10, TimeUnit.SECONDS);
                yield Behaviors.same();
            }
            case "stop" -> Behaviors.stopped();
            default -> {
                processed.tell(message);
                yield Behaviors.same();
            }
        });
    }

    private static ActorRef<String> spawnHolder(String name, int capacity, CountDownLatch release, TestProbe<String> started,
            TestProbe<String> processed) {
        MailboxMeters.get(testKit.system()).assign(testKit.system().path().child(name), capacity);
        // Its own dispatcher: the holder blocks a thread, and the default dispatcher has only one.
        var props = DispatcherSelector.fromConfig("pipeline.blocking-io-dispatcher").withMailboxFromConfig("pipeline.push.mailbox");
        var holder = testKit.spawn(holder(release, started.getRef(), processed.getRef()), name, props);
        holder.tell("block");
        started.expectMessage("block");
        return holder;
    }

    /**
     * Subscribed before it returns: the event stream handles its messages in order, so once a dead
     * letter published after subscribing has arrived, the test's will too.
     */
    private static TestProbe<DeadLetter> deadLetters() {
        var probe = testKit.<DeadLetter>createTestProbe();
        var eventStream = testKit.system().eventStream();
        eventStream.tell(new EventStream.Subscribe<>(DeadLetter.class, probe.getRef()));
        var untyped = Adapter.toClassic(probe.getRef());
        eventStream.tell(new EventStream.Publish<>(new DeadLetter("subscribed", untyped, untyped)));
        probe.fishForMessage(Duration.ofSeconds(10), letter -> "subscribed".equals(letter.message())
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
        return probe;
    }

    @Test
    void boundedMailboxRefusesWhatDoesNotFitToDeadLettersAndCountsIt() {
        var release = new CountDownLatch(1);
        var started = testKit.<String>createTestProbe();
        var processed = testKit.<String>createTestProbe();
        var deadLetters = deadLetters();
        var holder = spawnHolder("bounded", 3, release, started, processed);

        for (var message : List.of("a", "b", "c", "d", "e")) {
            holder.tell(message);
        }

        assertEquals("d", deadLetters.receiveMessage().message());
        assertEquals("e", deadLetters.receiveMessage().message());
        release.countDown();
        assertEquals(List.of("a", "b", "c"), processed.receiveSeveralMessages(3));
        assertEquals(new MailboxStats(3, 2), MailboxMeters.get(testKit.system()).take(holder.path()));
        deadLetters.expectNoMessage(Duration.ofMillis(100));
    }

    /**
     * A back-off supervisor schedules its restart as a message to itself. Here that message
     * arrives at a full mailbox: were it refused, the actor would stash "a" and "b" and never
     * restart.
     */
    @Test
    void aScheduledRestartIsNotRefusedByAFullMailbox() {
        var oneThread = DispatcherSelector.fromConfig("one-thread");
        MailboxMeters.get(testKit.system()).assign(testKit.system().path().child("backing-off"), 2);
        var failing = testKit.<String>createTestProbe();
        var processed = testKit.<String>createTestProbe();
        var failOnce = Behaviors.<String>receiveMessage(message -> {
            if (message.equals("fail")) {
                failing.getRef().tell(message);
                throw new IllegalStateException("injected");
            }
            processed.getRef().tell(message);
            return Behaviors.same();
        });
        var backoff = SupervisorStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofMillis(100), 0).withLoggingEnabled(false);
        var backingOff = testKit.spawn(Behaviors.supervise(failOnce).onFailure(backoff), "backing-off",
                oneThread.withMailboxFromConfig("pipeline.push.mailbox"));
        var release = new CountDownLatch(1);
        var started = testKit.<String>createTestProbe();
        var blocker = testKit.spawn(holder(release, started.getRef(), processed.getRef()), "thread-holder", oneThread);

        backingOff.tell("fail");
        failing.expectMessage("fail");
        blocker.tell("block");
        started.expectMessage("block");
        // The restart falls due after 100 ms; the scheduler hands its message to the held thread,
        // which delivers it after "a" and "b" have filled the mailbox.
        started.expectNoMessage(Duration.ofMillis(500));
        backingOff.tell("a");
        backingOff.tell("b");
        release.countDown();

        assertEquals(List.of("a", "b"), processed.receiveSeveralMessages(2));
        assertEquals(new MailboxStats(2, 0), MailboxMeters.get(testKit.system()).take(backingOff.path()));
    }

    @Test
    void unboundedMailboxMeasuresItsPeak() {
        var release = new CountDownLatch(1);
        var started = testKit.<String>createTestProbe();
        var processed = testKit.<String>createTestProbe();
        var holder = spawnHolder("unbounded", 0, release, started, processed);

        for (int i = 0; i < 50; i++) {
            holder.tell("m" + i);
        }
        release.countDown();

        assertEquals(50, processed.receiveSeveralMessages(50).size());
        assertEquals(new MailboxStats(50, 0), MailboxMeters.get(testKit.system()).take(holder.path()));
    }

    @Test
    void whatIsLeftInTheMailboxOfAStoppedActorGoesToDeadLetters() {
        var release = new CountDownLatch(1);
        var started = testKit.<String>createTestProbe();
        var processed = testKit.<String>createTestProbe();
        var deadLetters = deadLetters();
        var holder = spawnHolder("stopping", 3, release, started, processed);

        for (var message : List.of("stop", "left-1", "left-2")) {
            holder.tell(message);
        }
        release.countDown();

        assertEquals("left-1", deadLetters.receiveMessage(Duration.ofSeconds(10)).message());
        assertEquals("left-2", deadLetters.receiveMessage(Duration.ofSeconds(10)).message());
        processed.expectNoMessage(Duration.ofMillis(100));
    }
}
