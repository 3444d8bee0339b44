package org.pekkolab.imagepipeline.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.pekkolab.imagepipeline.node.ImageJob;

/**
 * Which worker or node holds which image, as a distributor sent them, until each is accounted
 * for: how many a holder has, and what it hands back when it goes away.
 *
 * @param <H> what holds images: a worker's link, a node's stream
 */
final class HeldImages<H> {

    /** Each holder's images, in the order sent. */
    private final Map<H, Map<Long, ImageJob>> byHolder = new HashMap<>();
    private final Map<Long, H> holderOf = new HashMap<>();

    void hold(H holder, ImageJob job) {
        byHolder.computeIfAbsent(holder, h -> new LinkedHashMap<>()).put(job.id(), job);
        holderOf.put(job.id(), holder);
    }

    int count(H holder) {
        var held = byHolder.get(holder);
        return held == null ? 0 : held.size();
    }

    /** The image is accounted for: nobody holds it any more. */
    void release(long id) {
        var holder = holderOf.remove(id);
        if (holder != null) {
            byHolder.get(holder).remove(id);
        }
    }

    /**
     * The holder is gone: its images go to the others before any new image (the first sent first),
     * counted as redelivered; returns how many.
     */
    int handBack(H holder, RunLedger ledger, Consumer<ImageJob> sendAgain) {
        var held = byHolder.remove(holder);
        if (held == null) {
            return 0;
        }
        var back = new ArrayList<>(held.values());
        for (int i = back.size() - 1; i >= 0; i--) {
            var job = back.get(i);
            holderOf.remove(job.id());
            ledger.cameBack(job.id());
            sendAgain.accept(job);
        }
        ledger.redelivered(back.size());
        return back.size();
    }
}
