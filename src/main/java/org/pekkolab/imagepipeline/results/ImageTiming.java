package org.pekkolab.imagepipeline.results;

import java.util.List;

/**
 * Where and how long one image took in one run: one row of {@code images.csv}.
 *
 * @param filterMicros one entry per filter of the chain, in chain order
 * @param core the CPU core the thread was last seen on, or -1 where the OS does not tell
 * @param pixels width times height of the decoded image
 * @param allocatedBytes heap the processing thread allocated for this image (decode, filters, save),
 *     or -1 where the JVM does not count allocation per thread
 * @param cpuAtStartNanos the processing thread's CPU time so far when the image's work started, or -1
 *     where the JVM does not measure it; with the next image's, it tells the thread's CPU in between
 * @param cpuAtEndNanos the same when the image's work ended
 * @param startedAtMicros when the image's work started, in µs since the epoch ({@code EpochClock}):
 *     on its node's clock as the worker measured it, on the coordinator's once the run's supervisor
 *     has accounted for it ({@link #shifted}); its work ended {@code totalMicros} later
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
        long allocatedBytes,
        long cpuAtStartNanos,
        long cpuAtEndNanos,
        long startedAtMicros) {

    /** The same image with its start moved by {@code micros}: onto another clock's time line. */
    public ImageTiming shifted(long micros) {
        return micros == 0 ? this : new ImageTiming(image, worker, node, thread, core, decodeMicros, filterMicros, totalMicros, pixels, allocatedBytes, cpuAtStartNanos,
                cpuAtEndNanos, startedAtMicros + micros);
    }

    /** µs from the start of the image's work to the end of its filter chain: decoding and filtering, without saving. */
    public long filteredAtMicros() {
        return decodeMicros + filterMicros.stream().mapToLong(Long::longValue).sum();
    }

    /** Whether {@code allocatedBytes} was measured. */
    public boolean allocationKnown() {
        return allocatedBytes >= 0;
    }

    /** Heap allocated per pixel of the image, NaN where allocation was not measured. */
    public double bytesPerPixel() {
        return allocationKnown() && pixels > 0 ? (double) allocatedBytes / pixels : Double.NaN;
    }

    /** Whether the thread's CPU time was measured. */
    public boolean cpuKnown() {
        return cpuAtStartNanos >= 0 && cpuAtEndNanos >= 0;
    }

    /** The thread CPU the image took, in µs; NaN where it was not measured. */
    public double cpuMicros() {
        return cpuKnown() ? (cpuAtEndNanos - cpuAtStartNanos) / 1e3 : Double.NaN;
    }
}
