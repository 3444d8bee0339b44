package org.pekkolab.imagepipeline.node;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts per image, shared by the filter workers of one run on one node. It lives outside any
 * worker, so that it outlasts what supervision does to a worker: a restart, a resume, or a stop
 * after which the image goes to another worker (or to the replacement). That is what bounds the
 * attempts of an image that fails every time to {@code maxRetries + 1}, whatever the strategy.
 *
 * <p>It also remembers which images are finished. Work pulling delivers at least once: when a
 * worker stops just after confirming an image, the producer may not have seen the confirmation
 * yet and sends the image to another worker, which then skips it instead of doing it again.
 *
 * <p>Workers of a run may run on different threads, hence the concurrent collections; an image is
 * held by one worker at a time, so per-key atomic updates are all it needs.
 */
public final class AttemptLedger {

    /** What {@link #begin} returns for an image that is already finished. */
    static final int FINISHED = 0;

    private record Entry(int attempts, String lastError) {}

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Set<Long> finished = ConcurrentHashMap.newKeySet();

    /** Records the start of an attempt and returns its number, 1 for the first, or {@link #FINISHED}. */
    int begin(long jobId) {
        if (finished.contains(jobId)) {
            return FINISHED;
        }
        return entries.merge(jobId, new Entry(1, null), (old, ignored) -> new Entry(old.attempts() + 1, old.lastError())).attempts();
    }

    void failed(long jobId, Throwable error) {
        entries.computeIfPresent(jobId, (id, entry) -> new Entry(entry.attempts(), ImageAttempts.describe(error)));
    }

    String lastError(long jobId) {
        var entry = entries.get(jobId);
        return entry == null || entry.lastError() == null ? "unknown error" : entry.lastError();
    }

    /** The image was processed or reported failed: no more attempts. */
    void finish(long jobId) {
        finished.add(jobId);
        entries.remove(jobId);
    }
}
