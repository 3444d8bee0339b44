package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class PullWindowTest {

    /** A worker's window in images, the images in each of its messages, and its window in messages. */
    private static void assertWorker(PullWindow window, boolean besideSupervisor, int images, int perMessage, int messages) {
        assertEquals(images, window.forWorker(besideSupervisor));
        assertEquals(perMessage, window.imagesPerMessage(besideSupervisor));
        assertEquals(messages, window.messages(besideSupervisor));
    }

    @Test
    void aWorkerInAnotherJvmGetsTheClusterWindowInBatches() {
        var window = new PullWindow(4, 16, 4);
        assertWorker(window, true, 4, 1, 4);
        assertWorker(window, false, 16, 4, 4);
    }

    @Test
    void aBatchNeverLeavesFewerMessagesInAWindowThanTheMinimum() {
        var window = new PullWindow(4, 8, 4);
        assertEquals(2, window.imagesPerMessage(false));
        assertEquals(4, window.messages(false));
        var small = new PullWindow(4, 5, 4);
        assertEquals(1, small.imagesPerMessage(false));
        assertEquals(5, small.messages(false));
        var uneven = new PullWindow(4, 18, 5);
        assertEquals(5, uneven.imagesPerMessage(false));
        assertEquals(3, uneven.messages(false), "3 messages of 5 images: never more than the window's 18 images");
    }

    @Test
    void oneWindowEverywhereIsTheSameOnBothSidesOneImageAMessage() {
        var window = PullWindow.everywhere(7);
        assertWorker(window, true, 7, 1, 7);
        assertWorker(window, false, 7, 1, 7);
    }

    @Test
    void theShippedDefaultsAskLessOftenAcrossJvmsAndBatch() {
        var config = ConfigFactory.load();
        assertEquals(4, config.getInt("pipeline.window"));
        assertEquals(16, config.getInt("pipeline.cluster.window"));
        assertEquals(4, config.getInt("pipeline.cluster.batch"));
    }

    @Test
    void aWindowBelowTheMinimumOrAnEmptyBatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PullWindow(4, WorkerSettings.MIN_WINDOW - 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PullWindow.everywhere(2));
        assertThrows(IllegalArgumentException.class, () -> new PullWindow(4, 16, 0));
    }
}
