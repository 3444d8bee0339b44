package org.pekkolab.imagepipeline.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.MetricsSnapshot;

/**
 * The live heap a run reports is what it kept alive through a garbage collection, not what it
 * allocated; the CPU load is sampled over intervals the process CPU clock can resolve.
 */
class MetricsCollectorTest {

    private static final int MB = 1024 * 1024;

    @Test
    void liveHeapIsTheHeapStillInUseAfterACollectionWhileTheRunLasts() {
        var kept = new byte[96 * MB];
        double whileKept = liveHeapMbOfARunThatCollects();
        assertTrue(kept.length > 0);
        kept = null;
        double afterRelease = liveHeapMbOfARunThatCollects();

        assertTrue(whileKept >= 96, "a run that keeps 96 MB alive reports " + whileKept + " MB");
        assertTrue(afterRelease > 0 && afterRelease < whileKept - 64, "after release " + afterRelease + " MB, before " + whileKept + " MB");
    }

    @Test
    void aRunWithoutACollectionReportsNoLiveHeap() {
        var run = BehaviorTestKit.create(MetricsCollector.create("node", Duration.ofHours(1)));
        TestInbox<MetricsSnapshot> reply = TestInbox.create();
        run.run(new MetricsCollector.Finish(reply.getRef()));
        assertTrue(Double.isNaN(reply.receiveMessage().node().liveHeapMb()), "collections before the run are not the run's: not measured");
    }

    @Test
    void ticksThatArriveBackToBackGetNoLoadSampleOfTheirOwn() {
        var run = BehaviorTestKit.create(MetricsCollector.create("node", Duration.ofHours(1)));
        // Microseconds apart, as ticks that waited behind a busy thread arrive, where an hour was due.
        run.run(MetricsCollector.SampleDue.INSTANCE);
        run.run(MetricsCollector.SampleDue.INSTANCE);
        TestInbox<MetricsSnapshot> reply = TestInbox.create();
        run.run(new MetricsCollector.Finish(reply.getRef()));
        var node = reply.receiveMessage().node();
        assertEquals(1, node.cpuLoad().size(), "one sample, the whole run: " + node.cpuLoad());
        double load = node.cpuLoad().get(0).value();
        assertTrue(load >= 0 && load <= 1, "a load: " + load);
    }

    /** A run (synchronous: the actor is set up before the collection) during which one full collection happens. */
    private static double liveHeapMbOfARunThatCollects() {
        var run = BehaviorTestKit.create(MetricsCollector.create("node", Duration.ofHours(1)));
        System.gc();
        TestInbox<MetricsSnapshot> reply = TestInbox.create();
        run.run(new MetricsCollector.Finish(reply.getRef()));
        return reply.receiveMessage().node().liveHeapMb();
    }
}
