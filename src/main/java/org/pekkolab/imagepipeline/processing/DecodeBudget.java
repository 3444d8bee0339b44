package org.pekkolab.imagepipeline.processing;

import java.util.concurrent.Semaphore;
import org.pekkolab.imagepipeline.imageio.ImageInfo;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;

/**
 * The heap that decoding and filtering may take at once, in one JVM. Before an image is decoded,
 * the memory its header implies is reserved here: an image waits for room instead of running the
 * JVM out of memory with the others in flight (a file of a few hundred bytes may claim 10 000 ×
 * 10 000 pixels), and an image that could never fit fails with the reason. Shared by every row and
 * every worker of the JVM.
 */
public final class DecodeBudget {

    /**
     * Heap per pixel an image holds at its peak: the decoder's image (up to 4 bytes a pixel), the
     * three planes made from it, and a filter's input and output planes.
     */
    static final int BYTES_PER_PIXEL = 12;

    /** The share of the heap decoding and filtering may hold at once; the rest is the runs' own. */
    static final double HEAP_SHARE = 0.6;

    private static final int KIB = 1024;

    private static final DecodeBudget JVM = new DecodeBudget((long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE));

    private final Semaphore kibibytes;
    private final long capacityBytes;

    DecodeBudget(long capacityBytes) {
        this.capacityBytes = capacityBytes;
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, capacityBytes / KIB), true);
    }

    /** This JVM's budget. */
    public static DecodeBudget ofThisJvm() {
        return JVM;
    }

    /** What an image of this header holds at its peak, in bytes. */
    static long bytesFor(ImageInfo info) {
        return info.pixelCount() * BYTES_PER_PIXEL;
    }

    /**
     * Reserves what the image needs, waiting while other images hold the room.
     *
     * @throws UndecodableImageException when the image needs more than the whole budget
     */
    public Reservation reserve(ImageInfo info) throws UndecodableImageException {
        long bytes = bytesFor(info);
        if (bytes > capacityBytes) {
            throw new UndecodableImageException(String.format(java.util.Locale.ROOT,
                    "image is %dx%d: decoding and filtering it takes about %d MB, more than the %d MB this JVM's heap allows (%.0f %% of it)",
                    info.width(), info.height(), bytes >> 20, capacityBytes >> 20, HEAP_SHARE * 100));
        }
        int permits = (int) Math.max(1, (bytes + KIB - 1) / KIB);
        kibibytes.acquireUninterruptibly(permits);
        return new Reservation(this, permits);
    }

    /** Room held for one image, given back when closed. */
    public static final class Reservation implements AutoCloseable {

        private final DecodeBudget budget;
        private int permits;

        private Reservation(DecodeBudget budget, int permits) {
            this.budget = budget;
            this.permits = permits;
        }

        @Override
        public void close() {
            if (permits > 0) {
                budget.kibibytes.release(permits);
                permits = 0;
            }
        }
    }

    /** Room left now, in bytes (for tests). */
    long availableBytes() {
        return (long) kibibytes.availablePermits() * KIB;
    }
}
