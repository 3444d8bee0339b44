package org.pekkolab.imagepipeline.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.node.MetricsCollector;
import org.pekkolab.imagepipeline.probes.EpochClock;
import org.pekkolab.imagepipeline.probes.ThreadCpu;
import org.pekkolab.imagepipeline.probes.ThreadSwitches;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.Failure;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.MetricsSnapshot;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.runtime.PipelineSystem;
import org.pekkolab.imagepipeline.runtime.ProgressListener;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.source.SourceReader;
import org.pekkolab.imagepipeline.source.UnreadableSourceException;

/**
 * The two references the actor runs are measured against, with the very same per-image work:
 * the sequential baseline (a plain loop on the calling thread) and a plain fixed-size
 * {@link ExecutorService}, the pool a user would otherwise reach for. Both report each image to a
 * metrics actor, like the actor runs, so every row is measured the same way. Each image is read
 * where it is processed, on the same thread, by a {@link SourceReader} set up like the actor runs'
 * readers (same latency, same HTTP timeout): the plain way to do I/O, which reader actors improve on.
 */
final class PlainRuns {

    private final PipelineSystem system;
    private final SweepSettings settings;

    PlainRuns(PipelineSystem system, SweepSettings settings) {
        this.system = system;
        this.settings = settings;
    }

    /**
     * Reads and processes {@code images} images (the inputs in turn) in a plain loop on one thread,
     * a new one ({@link #onThreadOfItsOwn}): the loop lowers its thread's priority, and Linux starts
     * every thread at the priority of the thread that creates it, so the caller's later threads (the
     * core-speed probe's, the node JVMs' process reaper) would otherwise start below the JVM's
     * other threads too.
     *
     * @param switches stopped when the last image is done, while the loop's thread is still alive
     */
    RunOutcome sequential(ImageProcessor processor, int images, ProgressListener.RunProgress progress, ThreadSwitches switches)
            throws TimeoutException, InterruptedException {
        var run = new Tally(processor, progress, 1, images);
        return onThreadOfItsOwn(ThreadCpu.SEQUENTIAL_THREAD, () -> {
            long start = run.clockStarts();
            for (int id = 0; id < images; id++) {
                run.process(id, ThreadCpu.SEQUENTIAL_THREAD);
            }
            long wallNanos = System.nanoTime() - start;
            switches.stop();
            return run.finish(wallNanos);
        });
    }

    /**
     * Runs image work that lowers its thread ({@code pipeline.worker-nice}) on a new thread
     * named {@code name}, so that the caller and the threads it starts later keep the JVM's
     * priority; the work's failure is the caller's.
     */
    static <T> T onThreadOfItsOwn(String name, Callable<T> work) throws TimeoutException, InterruptedException {
        var thread = Executors.newSingleThreadExecutor(task -> new Thread(task, name));
        try {
            return thread.submit(work).get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * Reads and processes {@code images} images (the inputs in turn) on a fixed pool of {@code threads} threads.
     *
     * @param switches stopped when the last image is done, while the pool's threads are still alive
     */
    RunOutcome executor(ImageProcessor processor, int threads, int images, ProgressListener.RunProgress progress, ThreadSwitches switches)
            throws TimeoutException, InterruptedException {
        // Every image is submitted at once: the pool's queue holds them all.
        var run = new Tally(processor, progress, images, images);
        var threadIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task, ThreadCpu.EXECUTOR_THREAD_PREFIX + threadIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            long start = run.clockStarts();
            for (int id = 0; id < images; id++) {
                int image = id;
                pool.execute(() -> run.process(image, Thread.currentThread().getName()));
            }
            if (!run.awaitAll(settings.timing().runTimeout())) {
                throw new TimeoutException("the ExecutorService run did not finish within " + settings.timing().runTimeout());
            }
            long wallNanos = System.nanoTime() - start;
            switches.stop();
            // Before the pool shuts down: its threads' CPU is counted while they are alive.
            var outcome = run.finish(wallNanos);
            pool.shutdown();
            return outcome;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A failure of work run on its own thread, as the caller's own. */
    private static RuntimeException rethrown(Throwable cause) throws TimeoutException, InterruptedException {
        if (cause instanceof TimeoutException timeout) {
            throw timeout;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    /** The bookkeeping of one plain run; safe to call from the pool's threads. */
    private final class Tally {
        private final ImageProcessor processor;
        private final ProgressListener.RunProgress progress;
        private final int peakInFlight;
        private final int images;
        private final ActorRef<MetricsCollector.Command> metrics;
        private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<ImageTiming> timings = new ConcurrentLinkedQueue<>();
        private final AtomicInteger done = new AtomicInteger();
        private final CountDownLatch allDone;
        private final AtomicInteger processed = new AtomicInteger();
        private final SourceReader reader = new SourceReader(settings.reads().latency(), settings.reads().httpTimeout());
        private long startedAtMicros;

        Tally(ImageProcessor processor, ProgressListener.RunProgress progress, int peakInFlight, int images)
                throws TimeoutException, InterruptedException {
            this.processor = processor;
            this.progress = progress;
            this.peakInFlight = peakInFlight;
            this.images = images;
            this.allDone = new CountDownLatch(images);
            this.metrics = system.spawn("metrics", MetricsCollector.create(system.address(), settings.timing().sampleInterval()));
        }

        /** Returns {@link System#nanoTime()} now, from which the run is timed. */
        long clockStarts() {
            long now = System.nanoTime();
            startedAtMicros = EpochClock.micros(now);
            return now;
        }

        void process(int id, String worker) {
            var source = settings.input().set().sources().get(id % settings.input().set().sources().size());
            var name = source.name();
            try {
                var timing = processor.process(name, reader.read(source), worker, system.address());
                metrics.tell(new MetricsCollector.Record(timing));
                timings.add(timing);
                processed.incrementAndGet();
            } catch (UndecodableImageException e) {
                failures.add(new Failure(name, e.getMessage()));
            } catch (UnreadableSourceException e) {
                failures.add(new Failure(name, e.getMessage()));
            } catch (RuntimeException | Error e) {
                // Whatever went wrong with this image (a stack overflow, a linkage error) is its failure, not a hang of the row.
                failures.add(new Failure(name, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            progress.done(done.incrementAndGet());
            allDone.countDown();
        }

        boolean awaitAll(Duration timeout) throws InterruptedException {
            return allDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        RunOutcome finish(long wallNanos) throws TimeoutException, InterruptedException {
            var timeout = Duration.ofSeconds(10);
            MetricsSnapshot snapshot;
            try {
                snapshot = AskPattern.<MetricsCollector.Command, MetricsSnapshot>ask(
                                metrics, MetricsCollector.Finish::new, timeout, system.system().scheduler())
                        .toCompletableFuture()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("metrics actor failed", e.getCause());
            }
            // Nothing here retries an image or has a mailbox: those counts stay 0.
            return RunOutcome.builder()
                    .startedAtMicros(startedAtMicros)
                    .wallMs(wallNanos / 1e6)
                    .images(images)
                    .processed(processed.get())
                    .failures(new ArrayList<>(failures))
                    .lost(images - done.get())
                    .peakInFlight(peakInFlight)
                    .nodeStats(List.of(snapshot.node()))
                    .workerStats(snapshot.workers())
                    .timings(new ArrayList<>(timings))
                    .build();
        }
    }
}
