package org.pekkolab.imagepipeline.actors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happens to a filter worker whose filter chain threw; the image is retried in every case. */
public enum Supervision {
    /** A fresh worker behavior in the same actor; its mailbox and unconfirmed image are kept. */
    RESTART,
    /** The same behavior goes on, its state kept; the failed image is tried again. */
    RESUME,
    /** The worker stops; its node agent starts a new one in its place and the image goes back to the queue. */
    STOP,
    /** Restart after an exponential back-off, so a failing worker does not spin. */
    BACKOFF;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known strategies */
    public static Supervision parse(String text) {
        return Arrays.stream(values())
                .filter(value -> value.label().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + text + "'; known: "
                        + Arrays.stream(values()).map(Supervision::label).collect(Collectors.joining(", "))));
    }
}
