package org.pekkolab.imagepipeline.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadSwitchesTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void countsTheWaitsOfThreadsAliveAtTheEnd() throws InterruptedException {
        var switches = ThreadSwitches.start();
        var ready = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var sleeper = new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(1);
                }
                ready.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        ready.await();
        var count = switches.stop();
        release.countDown();
        sleeper.join();

        assertTrue(count.known());
        assertTrue(count.voluntary() >= 20, count.toString());
        assertEquals(count, switches.stop(), "the first stop measures, later ones repeat it");
    }

    @Test
    void threadsStartedInBetweenCountFromZeroAndUnknownIsNaN() {
        var count = ThreadSwitches.since(Map.of("1", new long[] {10, 5}), Map.of("1", new long[] {13, 9}, "2", new long[] {4, 1}));
        assertEquals(new ThreadSwitches.Count(7, 5), count);
        assertFalse(ThreadSwitches.none().stop().known());
        assertEquals(5.0, new ThreadSwitches.Count(20, 8).voluntaryPer(4));
        assertEquals(2.0, new ThreadSwitches.Count(20, 8).involuntaryPer(4));
        assertTrue(Double.isNaN(ThreadSwitches.Count.UNKNOWN.involuntaryPer(10)));
    }
}
