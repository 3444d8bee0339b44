package org.pekkolab.imagepipeline.settings;

/**
 * Where the image reader actors of a run do their blocking reads.
 *
 * <ul>
 *   <li>{@link #BLOCKING}: the dedicated {@code pipeline.blocking-io-dispatcher}, one thread per
 *       reader, so reads wait beside the filter workers instead of in their place.
 *   <li>{@link #CPU}: the run's own CPU dispatcher, the one its filter workers run on. A read that
 *       blocks holds one of the workers' threads: the mistake the I/O study shows.
 *   <li>{@link #VIRTUAL}: {@code pipeline.io.virtual-thread-dispatcher}, a virtual thread per read on
 *       Java 21+; on older Java Pekko falls back to the platform thread pool configured there.
 * </ul>
 */
public enum IoDispatcher {
    BLOCKING,
    CPU,
    VIRTUAL;

    public static final String BLOCKING_PATH = "pipeline.blocking-io-dispatcher";
    public static final String VIRTUAL_PATH = "pipeline.io.virtual-thread-dispatcher";

    /** The name users type and reports show. */
    public String label() {
        return Choices.label(this);
    }


    /** Whether Pekko's virtual-thread-executor really makes virtual threads here (Java 21+, as Pekko decides). */
    public static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /** @throws IllegalArgumentException naming the known choices */
    public static IoDispatcher parse(String text) {
        return Choices.parse(IoDispatcher.class, "I/O dispatcher", text);
    }
}
