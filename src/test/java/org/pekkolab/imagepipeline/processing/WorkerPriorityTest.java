package org.pekkolab.imagepipeline.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

class WorkerPriorityTest {

    private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");
    private static final Path JVM_STAT = Path.of("/proc/self/stat");
    /** More than the shipped 5: a thread of this JVM that ran a sweep's sequential row may have made this one at 5 already. */
    private static final int STEPS = 7;

    @Test
    void aThreadThatProcessesAnImageRunsThatManyNiceStepsBelowTheJvm() throws Exception {
        assumeTrue(Files.isReadable(THREAD_STAT), "needs Linux's /proc/thread-self");
        var processor = new ImageProcessor(new ImageDecoder(), FilterChain.defaults(), Optional.empty(), WorkerPriority.lowerBy(STEPS));
        byte[] jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(64, 48, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);

        // On a thread of its own: a lowered thread cannot be raised again without privileges.
        int[] nices = onNewThread(() -> {
            int before = nice(THREAD_STAT);
            processor.process("a.jpg", jpeg, "worker-1", "node");
            int afterOne = nice(THREAD_STAT);
            processor.process("b.jpg", jpeg, "worker-1", "node");
            WorkerPriority.lowerBy(STEPS).applyToCurrentThread();
            return new int[] {before, afterOne, nice(THREAD_STAT)};
        });

        int jvm = nice(JVM_STAT);
        assertTrue(nices[0] < Math.min(19, jvm + STEPS), "the new thread started at nice " + nices[0]);
        assertEquals(Math.min(19, jvm + STEPS), nices[1]);
        assertEquals(nices[1], nices[2], "steps below the JVM's first thread, not below the thread's own: applying again changes nothing");
        assertTrue(WorkerPriority.describe(STEPS).startsWith("nice "), WorkerPriority.describe(STEPS));
    }

    @Test
    void noStepsLeavesTheThreadAsItIs() throws Exception {
        assumeTrue(Files.isReadable(THREAD_STAT), "needs Linux's /proc/thread-self");
        var processor = new ImageProcessor(new ImageDecoder(), FilterChain.defaults(), Optional.empty(), WorkerPriority.lowerBy(0));
        byte[] jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(64, 48, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);

        int[] nices = onNewThread(() -> {
            int before = nice(THREAD_STAT);
            processor.process("a.jpg", jpeg, "worker-1", "node");
            return new int[] {before, nice(THREAD_STAT)};
        });

        assertEquals(nices[0], nices[1]);
        assertSame(WorkerPriority.UNCHANGED, WorkerPriority.lowerBy(0));
        assertEquals("nice as the JVM's other threads (pipeline.worker-nice = 0)", WorkerPriority.describe(0));
    }

    @Test
    void stepsOutsideLinuxsRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkerPriority.lowerBy(-1));
        assertThrows(IllegalArgumentException.class, () -> WorkerPriority.lowerBy(20));
    }

    private interface ThreadWork {
        int[] run() throws Exception;
    }

    private static int[] onNewThread(ThreadWork work) throws InterruptedException, ExecutionException, TimeoutException {
        var thread = Executors.newSingleThreadExecutor();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, thread).get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    /** Field 19 of a stat file; the fields start after the command name's last ')'. */
    private static int nice(Path stat) throws IOException {
        var text = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
        return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }
}
