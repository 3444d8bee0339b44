package org.pekkolab.imagepipeline.settings;

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
        return Choices.label(this);
    }

    /** @throws IllegalArgumentException naming the known strategies */
    public static Supervision parse(String text) {
        return Choices.parse(Supervision.class, "strategy", text);
    }
}
