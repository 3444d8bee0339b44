package org.pekkolab.imagepipeline.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.pekkolab.imagepipeline.results.ImageTiming;

/**
 * What the filter workers of a node report about the images they are given, to the run's
 * supervisor (the {@code replyTo} of each {@link ImageJob}). The workers own this protocol; the
 * supervisor adapts it. Its kinds are named in the messages (a batch holds any of them).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImageOutcome.Processed.class, name = "processed"),
    @JsonSubTypes.Type(value = ImageOutcome.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = ImageOutcome.AttemptFailed.class, name = "attempt-failed"),
    @JsonSubTypes.Type(value = ImageOutcome.Undelivered.class, name = "undelivered"),
    @JsonSubTypes.Type(value = ImageOutcome.Batch.class, name = "batch")})
public sealed interface ImageOutcome extends CborSerializable {

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

    /** Outcomes of several images in one message, from a node to a supervisor on another node ({@link OutcomeBatcher}). */
    record Batch(List<ImageOutcome> outcomes) implements ImageOutcome {}
}
