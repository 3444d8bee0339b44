package org.pekkolab.imagepipeline.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoreScalingTest {

    @Test
    void measuresOneThreadPerCoreAgainstOneThread() {
        var scaling = CoreScaling.measure(Duration.ofMillis(40));

        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, scaling.threads());
        // Whatever else the machine runs, all cores together do more than half of one alone and at most
        // a little more than the cores' count of it (a single-thread phase can lose time to a preemption).
        assertTrue(scaling.speedup() > 0.5 && scaling.speedup() < 1.5 * cores, "speedup " + scaling.speedup());
    }
}
