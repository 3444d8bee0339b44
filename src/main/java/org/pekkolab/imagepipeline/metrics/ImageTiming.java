package org.pekkolab.imagepipeline.metrics;

import java.util.List;

/**
 * Where and how long one image took in one run: one row of {@code images.csv}.
 *
 * @param filterMicros one entry per filter of the chain, in chain order
 * @param core the CPU core the thread was last seen on, or -1 where the OS does not tell
 * @param pixels width times height of the decoded image
 * @param allocatedBytes heap the processing thread allocated for this image (decode, filters, save),
 *     or -1 where the JVM does not count allocation per thread
 */
public record ImageTiming(
        String image,
        String worker,
        String node,
        String thread,
        int core,
        long decodeMicros,
        List<Long> filterMicros,
        long totalMicros,
        long pixels,
        long allocatedBytes) {

    /** Whether {@code allocatedBytes} was measured. */
    public boolean allocationKnown() {
        return allocatedBytes >= 0;
    }
}
