package org.pekkolab.imagepipeline.actors;

import java.util.HashMap;
import java.util.Map;

/**
 * Attempts per image of one filter worker. It lives outside the worker's restartable behavior
 * (created once in the outer setup), so that it survives the restarts that supervision performs
 * and an image that crashes the worker every time is retried a bounded number of times.
 * Only ever touched by the worker's own actor, so it needs no synchronisation.
 */
final class AttemptLedger {

    private record Entry(int attempts, String lastError) {}

    private final Map<Long, Entry> entries = new HashMap<>();

    /** Records the start of an attempt and returns its number, 1 for the first. */
    int begin(long jobId) {
        var entry = entries.merge(jobId, new Entry(1, null), (old, ignored) -> new Entry(old.attempts() + 1, old.lastError()));
        return entry.attempts();
    }

    void failed(long jobId, Throwable error) {
        entries.computeIfPresent(jobId, (id, entry) -> new Entry(entry.attempts(), describe(error)));
    }

    String lastError(long jobId) {
        var entry = entries.get(jobId);
        return entry == null || entry.lastError() == null ? "unknown error" : entry.lastError();
    }

    void forget(long jobId) {
        entries.remove(jobId);
    }

    private static String describe(Throwable error) {
        var message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
