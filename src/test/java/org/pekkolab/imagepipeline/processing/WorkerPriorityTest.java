package org.pekkolab.imagepipeline.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

class WorkerPriorityTest {

    /** More than the shipped 5: a thread lowered by an earlier test's image work may have started this one at 5 already. */
    private static final int STEPS = 7;

    @Test
    void aThreadThatProcessesAnImageRunsThatManyNiceStepsBelowTheJvm() throws Exception {
        assumeTrue(ThreadNice.readable(), "needs Linux's /proc/thread-self");
        var processor = new ImageProcessor(new ImageDecoder(), FilterChain.defaults(), Optional.empty(), WorkerPriority.lowerBy(STEPS));
        byte[] jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(64, 48, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);

        // On a thread of its own: a lowered thread cannot be raised again without privileges.
        int[] nices = ThreadNice.onNewThread(Duration.ofSeconds(30), () -> {
            int before = ThreadNice.ofThisThread();
            processor.process("a.jpg", jpeg, "worker-1", "node");
            int afterOne = ThreadNice.ofThisThread();
            processor.process("b.jpg", jpeg, "worker-1", "node");
            WorkerPriority.lowerBy(STEPS).applyToCurrentThread();
            return new int[] {before, afterOne, ThreadNice.ofThisThread()};
        });

        int jvm = ThreadNice.ofJvm();
        assertTrue(nices[0] < Math.min(19, jvm + STEPS), "the new thread started at nice " + nices[0]);
        assertEquals(Math.min(19, jvm + STEPS), nices[1]);
        assertEquals(nices[1], nices[2], "steps below the JVM's first thread, not below the thread's own: applying again changes nothing");
        assertTrue(WorkerPriority.describe(STEPS).startsWith("nice "), WorkerPriority.describe(STEPS));
    }

    @Test
    void noStepsLeavesTheThreadAsItIs() throws Exception {
        assumeTrue(ThreadNice.readable(), "needs Linux's /proc/thread-self");
        var processor = new ImageProcessor(new ImageDecoder(), FilterChain.defaults(), Optional.empty(), WorkerPriority.lowerBy(0));
        byte[] jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(64, 48, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);

        int[] nices = ThreadNice.onNewThread(Duration.ofSeconds(30), () -> {
            int before = ThreadNice.ofThisThread();
            processor.process("a.jpg", jpeg, "worker-1", "node");
            return new int[] {before, ThreadNice.ofThisThread()};
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
}
