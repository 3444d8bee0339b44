package org.pekkolab.imagepipeline.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.pekkolab.imagepipeline.filters.Simd;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.OutputFormat;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;
import org.pekkolab.imagepipeline.probes.ThreadSwitches;
import org.pekkolab.imagepipeline.processing.ImageProcessor;
import org.pekkolab.imagepipeline.results.ImageTiming;
import org.pekkolab.imagepipeline.results.RunOutcome;
import org.pekkolab.imagepipeline.runtime.ProgressListener;
import org.pekkolab.imagepipeline.settings.SweepSettings;
import org.pekkolab.imagepipeline.settings.Warmup;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * Lets the JIT compile everything that is timed before anything is timed, in rounds of the whole
 * sweep: the baseline's loop over the input, the ExecutorService, and every actor configuration
 * over the input and over tiny images, until {@link Warmup} says the JIT has settled in every JVM.
 * The messaging path (mailboxes, work-pulling delivery, the supervisor) runs a few times per image
 * and reaches the JIT's top tier only after thousands of messages: tiny images get it there in a
 * fraction of a second, where 200 photos would take a minute.
 */
final class JitWarmUp {

    /** Runs every actor configuration of the sweep once with {@code workers} workers over {@code sources}, {@code repeat} times each. */
    @FunctionalInterface
    interface ActorRuns {
        List<RunOutcome> each(int workers, List<ImageSource> sources, int repeat) throws TimeoutException, InterruptedException;
    }

    /** The messaging warm-up: this many tiny images of this side, each sent this many times per round. */
    private static final int TINY_IMAGES = 16;
    private static final int TINY_SIDE = 16;
    private static final int TINY_REPEAT = 250;

    private final SweepSettings settings;
    private final ProgressListener progress;
    private final ActorRuns actorRuns;

    JitWarmUp(SweepSettings settings, ProgressListener progress, ActorRuns actorRuns) {
        this.settings = settings;
        this.progress = progress;
        this.actorRuns = actorRuns;
    }

    /** Rounds until the JIT has settled or the warm-up's time is up; nothing when its minimum is zero. */
    void run(PlainRuns plain, ImageProcessor processor) throws TimeoutException, InterruptedException {
        var warmup = settings.timing().warmup();
        if (warmup.minimum().isZero()) {
            return;
        }
        progress.note(String.format("warming up the JIT: %d ms at least, then until it compiles less than %.0f %% of the time (no new round after %d s)",
                warmup.minimum().toMillis(), warmup.settledShare() * 100, warmup.maximum().toSeconds()));
        long start = System.nanoTime();
        var tinyDir = temporaryFolder();
        try {
            var tiny = SyntheticImages.writeAll(tinyDir, TINY_IMAGES, TINY_SIDE, TINY_SIDE, 1, OutputFormat.JPG, 90).stream()
                    .<ImageSource>map(ImageSource.LocalFile::new)
                    .toList();
            int rounds = 0;
            double jitShare;
            Duration elapsed;
            do {
                jitShare = round(plain, processor, tiny);
                rounds++;
                elapsed = Duration.ofNanos(System.nanoTime() - start);
            } while (warmup.anotherRound(elapsed, jitShare));
            progress.note(String.format("warm-up: %d rounds in %.1f s, the JIT compiling %s of the last%s", rounds, elapsed.toMillis() / 1e3,
                    Double.isNaN(jitShare) ? "an unknown share" : String.format("%.0f %% of its busiest run", jitShare * 100),
                    warmup.settled(jitShare) ? "" : "; not settled, the first rows may include compilation"));
            allocationWarning(checkImage(processor)).ifPresent(progress::note);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the warm-up images into " + tinyDir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tinyDir);
        }
    }

    /**
     * What one image may allocate per pixel, decode and filters together, once compiled: the default chain takes
     * about 14 (the decoder's image and planes, the reader's buffers, a plane per filter).
     */
    static final double MAX_BYTES_PER_PIXEL = 24;

    /**
     * A warning when an image processed after the warm-up allocated more than {@link #MAX_BYTES_PER_PIXEL}. The SIMD
     * kernels allocate an object per vector operation until C2 has compiled them, and one JVM was seen keeping
     * such code for good (Sobel 3x slower, 35 bytes a pixel in every row); the memory table would show it at the
     * end, this says so before anything is timed.
     */
    static Optional<String> allocationWarning(ImageTiming timing) {
        double bytesPerPixel = timing.bytesPerPixel();
        if (!(bytesPerPixel > MAX_BYTES_PER_PIXEL)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "warning: after the warm-up an image still allocated %.1f bytes a pixel (about 14 with the default chain): "
                        + "the timed rows will be slow%s", bytesPerPixel,
                Simd.enabled() ? "; run again, or compare with JAVA_OPTS=-D" + Simd.SWITCH + "=false" : ""));
    }

    /** A photo-sized JPEG through the processor, as a run would take it, on a thread of its own as the sequential row. */
    private static ImageTiming checkImage(ImageProcessor processor) throws TimeoutException, InterruptedException {
        var jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(512, 384, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);
        return PlainRuns.onThreadOfItsOwn("pipeline-allocation-check", () -> {
            try {
                return processor.process("allocation-check.jpg", jpeg, "warm-up", "local");
            } catch (UndecodableImageException e) {
                throw new IllegalStateException("the generated check image does not decode", e);
            }
        });
    }

    /**
     * One round of the warm-up: every row of the sweep once, the actor rows also over tiny images.
     * Returns the largest share of a run's time that a JIT compiled for in the round, whichever run
     * and whichever JVM (each node measures its own): a cluster's paths through remoting are hot in
     * cluster runs only, and a node whose compilers still work takes a core from the timed rows.
     */
    private double round(PlainRuns plain, ImageProcessor processor, List<ImageSource> tiny) throws TimeoutException, InterruptedException {
        var sources = settings.input().set().sources();
        int workers = settings.workers().largest();
        double busiest = largestKnown(localJitShare(() -> plain.sequential(processor, sources.size(), Sweep.UNREPORTED, ThreadSwitches.none())),
                localJitShare(() -> plain.executor(processor, workers, sources.size(), Sweep.UNREPORTED, ThreadSwitches.none())));
        var outcomes = new ArrayList<>(actorRuns.each(workers, tiny, TINY_REPEAT));
        outcomes.addAll(actorRuns.each(workers, sources, 1));
        for (var outcome : outcomes) {
            for (var node : outcome.nodeStats()) {
                busiest = largestKnown(busiest, node.jvm().jitMillis() / Math.max(1, outcome.wallMs()));
            }
        }
        return busiest;
    }

    /** A plain run's JIT share: the compile time of this JVM during it over its wall time; NaN where the JVM does not tell. */
    private static double localJitShare(PlainRun run) throws TimeoutException, InterruptedException {
        var jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            run.run();
            return Double.NaN;
        }
        long compiledBefore = jit.getTotalCompilationTime();
        long start = System.nanoTime();
        run.run();
        return (jit.getTotalCompilationTime() - compiledBefore) / Math.max(1.0, (System.nanoTime() - start) / 1e6);
    }

    /** The larger of two figures, either of which may be unknown (NaN); NaN when both are. */
    private static double largestKnown(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    @FunctionalInterface
    private interface PlainRun {
        RunOutcome run() throws TimeoutException, InterruptedException;
    }

    /** Where the warm-up's tiny images go. */
    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("pipeline-warmup");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the warm-up images: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (var file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temporary folder left behind is harmless; the run goes on.
        }
    }
}
