package org.pekkolab.imagepipeline.probes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much parallel work this machine's cores give right now: a fixed arithmetic loop that stays
 * in registers (no memory traffic, no allocation, no locks) on one thread, then on one thread per
 * core at once, then on one thread again. On idle cores of their own the ratio is the core count;
 * on a VM whose host runs other work on the same physical cores it is less, and no pipeline's
 * speedup can beat it. Measured just before a sweep's rows, it tells a speedup short of the cores
 * apart from the pipeline's own overhead.
 *
 * @param threads threads of the parallel phase: this JVM's cores
 * @param speedup arithmetic done per second by all of them over that done by one thread alone
 *     (the mean of the two single-thread phases, so that a drift during the probe cancels)
 */
public record CoreScaling(int threads, double speedup) {

    /** Mixing steps between two looks at the clock: about 50 microseconds. */
    private static final int STEPS_PER_ROUND = 20_000;

    /** Keeps the loop's result alive, so that the JIT cannot drop the loop. */
    private static final AtomicLong SINK = new AtomicLong();

    /** About 3 x {@code phase} of every core's time. */
    public static CoreScaling measure(Duration phase) {
        int cores = Runtime.getRuntime().availableProcessors();
        rate(1, Duration.ofMillis(50));
        rate(cores, Duration.ofMillis(50));
        double alone = rate(1, phase);
        double together = rate(cores, phase);
        alone = (alone + rate(1, phase)) / 2;
        return new CoreScaling(cores, together / alone);
    }

    /** Rounds per second done by {@code threads} threads together, each running for {@code phase}. */
    private static double rate(int threads, Duration phase) {
        var rounds = new AtomicLong();
        var started = new ArrayList<Thread>(threads);
        long deadline = System.nanoTime() + phase.toNanos();
        for (int t = 0; t < threads; t++) {
            long seed = t + 1;
            var thread = new Thread(() -> rounds.addAndGet(roundsUntil(deadline, seed)), "core-scaling-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        for (var thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        return rounds.get() / (phase.toNanos() / 1e9);
    }

    private static long roundsUntil(long deadline, long seed) {
        long x = seed;
        long rounds = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < STEPS_PER_ROUND; i++) {
                // xorshift64 and a multiply: a dependent chain of register operations.
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                x *= 0x9E3779B97F4A7C15L;
            }
            rounds++;
        }
        SINK.addAndGet(x);
        return rounds;
    }
}
