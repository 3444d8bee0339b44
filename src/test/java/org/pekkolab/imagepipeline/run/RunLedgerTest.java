package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.results.ImageTiming;

/** Every image counted once, whatever the order and repetition of what the workers report. */
class RunLedgerTest {

    private static final ImageTiming TIMING = new ImageTiming("a.jpg", "worker-1", "node", "thread", 0, 10, List.of(1L), 20, 64, -1, -1, -1, 0);

    @Test
    void anImageReportedTwiceCountsOnce() {
        var ledger = new RunLedger(3);
        ledger.handedOut(0);
        assertTrue(ledger.processed(0, TIMING, 1));
        assertFalse(ledger.processed(0, TIMING, 1), "a copy finished twice counts once");
        assertFalse(ledger.failed(0, "a.jpg", "late failure", 2), "nor as failed afterwards");
        assertEquals(1, ledger.processed());
        assertEquals(1, ledger.accounted());
        assertEquals(2, ledger.lost());
        assertEquals(List.of(TIMING), ledger.timings());
    }

    @Test
    void retriesAreAttemptsBeyondTheFirstOfTheImagesAccountedFor() {
        var ledger = new RunLedger(3);
        ledger.processed(0, TIMING, 3);
        ledger.failed(1, "b.jpg", "gave up after 4 attempts", 4);
        ledger.failed(2, "c.jpg", "not a decodable image", 1);
        assertEquals(2 + 3, ledger.retried());
        assertTrue(ledger.complete());
        assertEquals(0, ledger.lost());
        assertEquals(2, ledger.failures().size());
    }

    @Test
    void inFlightCountsImagesOutAndNotBackAndKeepsItsPeak() {
        var ledger = new RunLedger(4);
        ledger.handedOut(0);
        ledger.handedOut(1);
        ledger.handedOut(1);
        assertEquals(2, ledger.inFlight(), "an image handed out again while out is counted once");
        assertTrue(ledger.cameBack(1));
        assertFalse(ledger.cameBack(1), "an image back is not back twice");
        ledger.processed(0, TIMING, 1);
        assertEquals(0, ledger.inFlight(), "an image accounted for is no longer in flight");
        ledger.handedOut(0);
        assertEquals(0, ledger.inFlight(), "an image accounted for is not handed out again");
        assertEquals(2, ledger.peakInFlight());
    }

    @Test
    void idsOutsideTheRunAreIgnored() {
        var ledger = new RunLedger(2);
        assertFalse(ledger.processed(2, TIMING, 1));
        assertFalse(ledger.processed(-1, TIMING, 1));
        assertEquals(0, ledger.accounted());
    }

    @Test
    void redeliveriesAndRestartsAreCounted() {
        var ledger = new RunLedger(2);
        ledger.redelivered(3);
        ledger.attemptFailed();
        ledger.attemptFailed();
        assertEquals(3, ledger.redelivered());
        assertEquals(2, ledger.restarts());
    }
}
