package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.probes.CoreSpeed;
import org.pekkolab.imagepipeline.results.ImageTiming;

class CoreAdjustedCpuTest {

    private static final long T0 = 1_800_000_000_000_000L;

    /** Core 1 takes 1.5 x core 0's CPU for the probe's work during the first 10 s, then as much. */
    private static List<CoreSpeed.Sample> samples() {
        var samples = new ArrayList<CoreSpeed.Sample>();
        for (long at = 0; at <= 20_000_000; at += 500_000) {
            samples.add(new CoreSpeed.Sample(0, T0 + at, 2_000_000));
            samples.add(new CoreSpeed.Sample(1, T0 + at, at < 10_000_000 ? 3_000_000 : 2_000_000));
        }
        return samples;
    }

    private static ImageTiming image(int core, long atMicros, long cpuMicros) {
        return new ImageTiming("a.jpg", "w", "n", "t", core, 100, List.of(1L, 1L, 1L, 1L, 1L), cpuMicros, 1, 1, 1_000, 1_000 + cpuMicros * 1_000,
                T0 + atMicros);
    }

    @Test
    void anImageOnTheSlowerCoreCountsAsOnACoreOfAverageSpeed() {
        var adjusted = CoreAdjustedCpu.of(samples());

        // Mean cost 2.5 ms: core 1's 3000 us image is 2500 us on an average core, core 0's 2000 us too.
        assertEquals(2500, adjusted.micros(image(1, 4_000_000, 3000)), 1e-9);
        assertEquals(2500, adjusted.micros(image(0, 4_000_000, 2000)), 1e-9);
        // Once the cores are alike, nothing changes.
        assertEquals(3000, adjusted.micros(image(1, 15_000_000, 3000)), 1e-9);
    }

    @Test
    void withoutSamplesOfEveryCoreNearTheImageItIsNotMeasured() {
        var adjusted = CoreAdjustedCpu.of(samples());

        assertTrue(Double.isNaN(adjusted.micros(image(1, 60_000_000, 3000))), "no sample within the window");
        assertTrue(Double.isNaN(adjusted.micros(image(2, 4_000_000, 3000))), "a core the probe did not sample");
        assertTrue(Double.isNaN(CoreAdjustedCpu.of(List.of()).micros(image(0, 4_000_000, 3000))), "no probe");
        var oneCore = samples().stream().filter(sample -> sample.core() == 0).toList();
        assertTrue(Double.isNaN(CoreAdjustedCpu.of(oneCore).micros(image(0, 4_000_000, 3000))), "one core has nothing to compare");
    }
}
