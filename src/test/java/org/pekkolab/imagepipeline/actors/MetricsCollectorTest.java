package org.pekkolab.imagepipeline.actors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.metrics.MetricsSnapshot;

/** The live heap a run reports is what it kept alive through a garbage collection, not what it allocated. */
class MetricsCollectorTest {

    private static final int MB = 1024 * 1024;

    @Test
    void liveHeapIsTheHeapStillInUseAfterACollectionWhileTheRunLasts() throws InterruptedException {
        var kept = new byte[96 * MB];
        double whileKept = liveHeapMbOfARunThatCollects();
        assertTrue(kept.length > 0);
        kept = null;
        double afterRelease = liveHeapMbOfARunThatCollects();

        assertTrue(whileKept >= 96, "a run that keeps 96 MB alive reports " + whileKept + " MB");
        assertTrue(afterRelease > 0 && afterRelease < whileKept - 64, "after release " + afterRelease + " MB, before " + whileKept + " MB");
    }

    /** A run whose metrics actor sees one full collection; synchronous, so the actor listens before it happens. */
    private static double liveHeapMbOfARunThatCollects() throws InterruptedException {
        var run = BehaviorTestKit.create(MetricsCollector.create("node", Duration.ofHours(1)));
        collectGarbageAndWaitForItsNotification();
        TestInbox<MetricsSnapshot> reply = TestInbox.create();
        run.run(new MetricsCollector.Finish(reply.getRef()));
        return reply.receiveMessage().node().liveHeapMb();
    }

    private static void collectGarbageAndWaitForItsNotification() throws InterruptedException {
        var delivered = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                delivered.countDown();
            }
        };
        var emitters = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(NotificationEmitter.class::isInstance).map(NotificationEmitter.class::cast).toList();
        emitters.forEach(emitter -> emitter.addNotificationListener(listener, null, null));
        try {
            System.gc();
            // The JVM calls the listeners of a notification one after another in the order they were added,
            // so the collector's, added first, has seen it by the time this one has.
            assertTrue(delivered.await(10, TimeUnit.SECONDS), "no GC notification after System.gc()");
        } finally {
            for (var emitter : emitters) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
