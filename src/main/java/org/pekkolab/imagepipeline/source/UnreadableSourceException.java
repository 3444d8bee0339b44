package org.pekkolab.imagepipeline.source;

/** An input that could not be read; its message is the reason listed with the failed image. */
public final class UnreadableSourceException extends Exception {

    public UnreadableSourceException(String reason) {
        super(reason);
    }
}
