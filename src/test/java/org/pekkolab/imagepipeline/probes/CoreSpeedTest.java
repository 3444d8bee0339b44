package org.pekkolab.imagepipeline.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoreSpeedTest {

    @Test
    void eachCoreDoesTheWorkOnItsOwnThreadBoundToIt() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores > 1 && Files.isReadable(Path.of("/proc/thread-self/stat")) && onPath("taskset"),
                "needs Linux, two cores or more and taskset to bind threads to cores");
        Set<Integer> workedOn = ConcurrentHashMap.newKeySet();
        var probe = CoreSpeed.start(() -> {
            workedOn.add(ThreadPlacement.currentCore());
            spin(Duration.ofMillis(2));
        }, Duration.ofMillis(20));
        Thread.sleep(1_500);
        var samples = probe.stop();

        var sampledCores = samples.stream().map(CoreSpeed.Sample::core).collect(Collectors.toSet());
        assertEquals(cores, sampledCores.size(), "every core sampled: " + samples);
        assertEquals(sampledCores, workedOn, "the work ran on the cores the samples name, and nowhere else");
        // 2 ms of wall-clock spinning takes close to 2 ms of the thread's CPU, unless preempted.
        long median = samples.stream().mapToLong(CoreSpeed.Sample::cpuNanos).sorted().toArray()[samples.size() / 2];
        assertTrue(median > 1_000_000 && median <= 2_200_000, "median CPU " + median + " ns");
        int afterStop = probe.stop().size();
        Thread.sleep(100);
        assertEquals(afterStop, probe.stop().size(), "no samples after stop");
    }

    private static void spin(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static boolean onPath(String command) {
        var path = System.getenv().getOrDefault("PATH", "");
        for (var dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
