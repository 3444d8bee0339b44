package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class PullWindowTest {

    @Test
    void aWorkerInAnotherJvmGetsTheClusterWindowInBatches() {
        var window = new PullWindow(4, 16, 4);
        assertEquals(4, window.forWorker(true));
        assertEquals(1, window.imagesPerMessage(true));
        assertEquals(4, window.messages(true));
        assertEquals(16, window.forWorker(false));
        assertEquals(4, window.imagesPerMessage(false));
        assertEquals(4, window.messages(false));
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
        assertEquals(7, window.forWorker(true));
        assertEquals(7, window.forWorker(false));
        assertEquals(1, window.imagesPerMessage(false));
        assertEquals(7, window.messages(false));
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
