package org.pekkolab.imagepipeline.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Optional;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.image.RasterImage;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.probes.EpochClock;
import org.pekkolab.imagepipeline.probes.ThreadPlacement;
import org.pekkolab.imagepipeline.results.ImageTiming;

/**
 * The work done for one image, identical in every mode (sequential loop, ExecutorService,
 * actors, cluster): decode, the filter chain timed filter by filter, and the optional save.
 * Stateless and safe to share between threads, so that all modes run the very same code.
 * Besides the time, it counts the heap the thread allocated for the image (HotSpot's per-thread
 * allocation counter, a read of a thread-local field) and notes the thread's CPU time at the start
 * and the end, from which the report derives what the thread did between images.
 */
public final class ImageProcessor {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOCATION_COUNTER = allocationCounter();
    private static final boolean CPU_TIMED = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private final ImageDecoder decoder;
    private final FilterChain chain;
    private final Optional<OutputTarget> output;

    private final DecodeBudget budget;
    private final WorkerPriority priority;

    /** Image work at the priority of the JVM's other threads. */
    public ImageProcessor(ImageDecoder decoder, FilterChain chain, Optional<OutputTarget> output) {
        this(decoder, chain, output, WorkerPriority.UNCHANGED);
    }

    /** Image work on threads lowered to {@code priority} (each thread the first time it does some). */
    public ImageProcessor(ImageDecoder decoder, FilterChain chain, Optional<OutputTarget> output, WorkerPriority priority) {
        this(decoder, chain, output, DecodeBudget.ofThisJvm(), priority);
    }

    ImageProcessor(ImageDecoder decoder, FilterChain chain, Optional<OutputTarget> output, DecodeBudget budget) {
        this(decoder, chain, output, budget, WorkerPriority.UNCHANGED);
    }

    private ImageProcessor(ImageDecoder decoder, FilterChain chain, Optional<OutputTarget> output, DecodeBudget budget,
            WorkerPriority priority) {
        this.decoder = decoder;
        this.chain = chain;
        this.output = output;
        this.budget = budget;
        this.priority = priority;
    }

    /** The room one image holds in the decoding budget, from its header until it is done. */
    private static final class Held implements AutoCloseable {
        private DecodeBudget.Reservation reservation;

        @Override
        public void close() {
            if (reservation != null) {
                reservation.close();
            }
        }
    }

    /**
     * Processes one encoded image.
     *
     * @throws UndecodableImageException when the input is not an image this tool can read: a
     *     property of the input, not of the worker, so callers report it instead of retrying
     */
    public ImageTiming process(String name, byte[] encoded, String worker, String node)
            throws UndecodableImageException {
        priority.applyToCurrentThread();
        try (var held = new Held()) {
            return process(name, encoded, worker, node, held);
        } catch (OutOfMemoryError e) {
            // What its header claimed fitted the budget, yet the heap ran out: this image fails, the run goes on.
            throw new UndecodableImageException("out of memory while decoding or filtering it (" + e.getMessage() + ")");
        }
    }

    private ImageTiming process(String name, byte[] encoded, String worker, String node, Held held)
            throws UndecodableImageException {
        long allocatedBefore = allocatedBytes();
        long cpuAtStart = threadCpuNanos();
        long start = System.nanoTime();
        RasterImage decoded = decoder.decode(encoded, name, header -> {
            if (held.reservation == null) {
                held.reservation = budget.reserve(header);
            }
        });
        long decodedAt = System.nanoTime();
        var elapsed = new long[chain.size()];
        RasterImage image = chain.apply(decoded, elapsed);
        var filterMicros = new ArrayList<Long>(elapsed.length);
        for (long nanos : elapsed) {
            filterMicros.add(nanos / 1_000);
        }
        if (output.isPresent()) {
            save(image, name, output.get());
        }
        long end = System.nanoTime();
        long cpuAtEnd = threadCpuNanos();
        long allocatedAfter = allocatedBytes();
        return new ImageTiming(
                name,
                worker,
                node,
                Thread.currentThread().getName(),
                ThreadPlacement.currentCore(),
                (decodedAt - start) / 1_000,
                filterMicros,
                (end - start) / 1_000,
                (long) decoded.width() * decoded.height(),
                allocatedBefore < 0 || allocatedAfter < 0 ? -1 : allocatedAfter - allocatedBefore,
                cpuAtStart,
                cpuAtEnd,
                EpochClock.micros(start));
    }

    /** The JVM's per-thread allocation counter, or null where it has none or it is switched off. */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (THREADS instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads;
        }
        return null;
    }

    /** This thread's CPU time so far, or -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        return CPU_TIMED ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static long allocatedBytes() {
        return ALLOCATION_COUNTER == null ? -1 : ALLOCATION_COUNTER.getCurrentThreadAllocatedBytes();
    }

    private static void save(RasterImage image, String name, OutputTarget target) {
        try {
            ImageEncoder.write(image, target.pathFor(name), target.format(), target.quality());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + target.pathFor(name) + ": " + e.getMessage(), e);
        }
    }
}
