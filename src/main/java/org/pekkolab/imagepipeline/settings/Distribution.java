package org.pekkolab.imagepipeline.settings;

/**
 * How the supervisor hands images to workers.
 *
 * <ul>
 *   <li>{@link #PULL}: reliable-delivery work pulling; a worker holds at most its window of images,
 *       so images in flight are bounded whatever the input size.
 *   <li>{@link #PUSH}: every image is sent at once through a round-robin router into the workers'
 *       mailboxes (unbounded, or bounded by a capacity with overflow sent back and retried).
 *   <li>{@link #STREAM}: a Pekko Streams graph per node, joined to the supervisor by stream
 *       references; the streams' demand bounds the images in flight.
 * </ul>
 */
public enum Distribution {
    PULL,
    PUSH,
    STREAM;

    /** The name users type and reports show. */
    public String label() {
        return Choices.label(this);
    }

    /** @throws IllegalArgumentException naming the known strategies */
    public static Distribution parse(String text) {
        return Choices.parse(Distribution.class, "mode", text);
    }
}
