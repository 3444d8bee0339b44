package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class PullWindowTest {

    @Test
    void aWorkerInAnotherJvmGetsTheClusterWindow() {
        var window = new PullWindow(4, 16);
        assertEquals(4, window.forWorker(true));
        assertEquals(16, window.forWorker(false));
    }

    @Test
    void oneWindowEverywhereIsTheSameOnBothSides() {
        var window = PullWindow.everywhere(7);
        assertEquals(7, window.forWorker(true));
        assertEquals(7, window.forWorker(false));
    }

    @Test
    void theShippedDefaultsAskLessOftenAcrossJvms() {
        var config = ConfigFactory.load();
        assertEquals(4, config.getInt("pipeline.window"));
        assertEquals(16, config.getInt("pipeline.cluster.window"));
    }

    @Test
    void aWindowBelowTheMinimumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PullWindow(4, WorkerSettings.MIN_WINDOW - 1));
        assertThrows(IllegalArgumentException.class, () -> PullWindow.everywhere(2));
    }
}
