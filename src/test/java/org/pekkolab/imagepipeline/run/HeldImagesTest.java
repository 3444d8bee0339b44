package org.pekkolab.imagepipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.node.ImageJob;

/** Who holds which image, and what a holder that goes hands back. */
class HeldImagesTest {

    private static ImageJob job(long id) {
        return new ImageJob(id, id + ".jpg", new byte[0], null);
    }

    @Test
    void aGoneHolderHandsBackWhatItHeldFirstSentFirstAndOnlyThat() {
        var ledger = new RunLedger(4);
        var held = new HeldImages<String>();
        for (long id = 0; id < 4; id++) {
            ledger.handedOut(id);
            held.hold(id % 2 == 0 ? "a" : "b", job(id));
        }
        held.release(0);

        // sendAgain puts each at the front of the queue, so the last handed back goes out first.
        var queue = new ArrayList<Long>();
        int back = held.handBack("a", ledger, image -> queue.add(0, image.id()));

        assertEquals(1, back);
        assertEquals(List.of(2L), queue);
        assertEquals(0, held.count("a"));
        assertEquals(2, held.count("b"));
        assertEquals(1, ledger.redelivered());
        assertEquals(2, held.handBack("b", ledger, image -> queue.add(0, image.id())));
        assertEquals(List.of(1L, 3L, 2L), queue);
        assertEquals(0, held.handBack("b", ledger, image -> queue.add(0, image.id())), "nothing twice");
    }
}
