package org.pekkolab.imagepipeline.probes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * How much thread CPU each core takes for the same piece of work while the rows run. On a VM the
 * host's other work falls on the physical cores unevenly: one vCPU can need far more CPU time than
 * the other for the same image, for seconds at a time, and a worker thread that stays on it for a
 * whole row makes its node look slower than it is. One thread per core, bound to that core with
 * {@code taskset}, does a fixed piece of work (in the sweep, one input image decoded and filtered)
 * every {@code every}, and records the thread CPU it took with the time.
 *
 * <p>Where threads cannot be bound to cores (not Linux, no {@code taskset}, one core) it takes no
 * samples, and what depends on them is not measured.
 */
public final class CoreSpeed {

    /** One piece of work on {@code core}, its middle at {@code atMicros} since the epoch ({@link EpochClock}). */
    public record Sample(int core, long atMicros, long cpuNanos) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private CoreSpeed() {}

    /** Starts one daemon thread per core, each doing {@code work} every {@code every} on its core until {@link #stop}. */
    public static CoreSpeed start(Runnable work, Duration every) {
        var probe = new CoreSpeed();
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores > 1 && THREADS.isCurrentThreadCpuTimeSupported() && Files.isReadable(THREAD_SELF)) {
            for (int core = 0; core < cores; core++) {
                int target = core;
                var thread = new Thread(() -> probe.sample(target, work, every), "core-speed-" + core);
                thread.setDaemon(true);
                thread.start();
                probe.threads.add(thread);
            }
        }
        return probe;
    }

    /** Stops the threads (again: no harm); the samples in the order they were taken, empty where cores could not be bound. */
    public List<Sample> stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (var thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return samples.stream().sorted(Comparator.comparingLong(Sample::atMicros)).toList();
    }

    private void sample(int core, Runnable work, Duration every) {
        if (!bindTo(core)) {
            return;
        }
        // The first runs compile the work's code; their cost is the JIT's, not the core's.
        for (int i = 0; i < 3 && running; i++) {
            work.run();
        }
        while (running) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            int coreBefore = ThreadPlacement.currentCore();
            long startMicros = EpochClock.nowMicros();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            work.run();
            long cpuAfter = THREADS.getCurrentThreadCpuTime();
            long endMicros = EpochClock.nowMicros();
            // Only work done on the core from start to end says how fast that core was.
            if (coreBefore == core && ThreadPlacement.currentCore() == core) {
                samples.add(new Sample(core, (startMicros + endMicros) / 2, cpuAfter - cpuBefore));
            }
        }
    }

    /** Binds the calling thread to {@code core}: taskset on the thread's own id. */
    private static boolean bindTo(int core) {
        try {
            var self = Files.readSymbolicLink(THREAD_SELF).toString();
            var threadId = self.substring(self.lastIndexOf('/') + 1);
            var taskset = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(core), threadId)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!taskset.waitFor(10, TimeUnit.SECONDS)) {
                taskset.destroyForcibly();
                return false;
            }
            return taskset.exitValue() == 0;
        } catch (IOException | RuntimeException | InterruptedException e) {
            return false;
        }
    }
}
