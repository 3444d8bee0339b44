package org.pekkolab.imagepipeline.node;

import org.pekkolab.imagepipeline.results.ImageTiming;

/**
 * What the filter workers of a node report about the images they are given, to the run's
 * supervisor (the {@code replyTo} of each {@link ImageJob}). The workers own this protocol; the
 * supervisor adapts it.
 */
public sealed interface ImageOutcome extends CborSerializable {

    /** The image's id in its run. */
    long id();

    /** Processed: the filters ran, on the {@code attempt}-th try (1 for the first). */
    record Processed(long id, ImageTiming timing, int attempt) implements ImageOutcome {}

    /**
     * Not processed, for good: not a decodable image, or every allowed attempt failed.
     *
     * @param attempts how many times the image was tried
     */
    record Failed(long id, String name, String reason, int attempts) implements ImageOutcome {}

    /** One attempt threw; the worker's supervision strategy dealt with it and the image is tried again or failed. */
    record AttemptFailed(long id, String worker) implements ImageOutcome {}

    /** Push mode: an attempt ended in a node's dead letters instead of a worker's mailbox (sent by the node agent). */
    record Undelivered(long id, int attempt) implements ImageOutcome {}
}
