package org.pekkolab.imagepipeline.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How often this JVM's threads were switched out over a stretch of time: voluntarily (they waited:
 * a parked pool thread, a blocking read) or involuntarily (the OS took their core for another
 * thread). On two busy cores every wake-up of an extra thread shows up as involuntary switches of
 * the workers, which is why the actor rows' "idle" time is what it is. Linux keeps the counts per
 * thread in /proc/self/task/TID/status; a thread that ends before {@link #stop()} takes its counts
 * with it, so a run's threads must still be alive then. Elsewhere the counts are unknown.
 */
public final class ThreadSwitches {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final String VOLUNTARY = "voluntary_ctxt_switches:";
    private static final String INVOLUNTARY = "nonvoluntary_ctxt_switches:";

    /** Switches summed over threads; -1 each when unknown. */
    public record Count(long voluntary, long involuntary) {

        public static final Count UNKNOWN = new Count(-1, -1);

        public boolean known() {
            return voluntary >= 0 && involuntary >= 0;
        }

        /** Per image, NaN when unknown. */
        public double voluntaryPer(int images) {
            return known() && images > 0 ? (double) voluntary / images : Double.NaN;
        }

        public double involuntaryPer(int images) {
            return known() && images > 0 ? (double) involuntary / images : Double.NaN;
        }
    }

    private final Map<String, long[]> atStart;
    private Count count;

    private ThreadSwitches(Map<String, long[]> atStart) {
        this.atStart = atStart;
    }

    /** Counts nothing: {@link #stop()} says unknown. */
    public static ThreadSwitches none() {
        return new ThreadSwitches(null);
    }

    /** Starts counting now. */
    public static ThreadSwitches start() {
        return new ThreadSwitches(Files.isDirectory(TASKS) ? snapshot() : null);
    }

    /** The switches since {@link #start()}; the first call measures, later calls return the same count. */
    public synchronized Count stop() {
        if (count == null) {
            count = atStart == null ? Count.UNKNOWN : since(atStart, snapshot());
        }
        return count;
    }

    /** Threads that started in between count from zero; threads that ended are gone from the second snapshot. */
    static Count since(Map<String, long[]> before, Map<String, long[]> after) {
        long voluntary = 0;
        long involuntary = 0;
        for (var thread : after.entrySet()) {
            long[] start = before.getOrDefault(thread.getKey(), new long[2]);
            voluntary += thread.getValue()[0] - start[0];
            involuntary += thread.getValue()[1] - start[1];
        }
        return new Count(voluntary, involuntary);
    }

    /** Thread id to {voluntary, involuntary}, for every thread alive now. */
    private static Map<String, long[]> snapshot() {
        var counts = new HashMap<String, long[]>();
        try (Stream<Path> threads = Files.list(TASKS)) {
            threads.forEach(thread -> {
                try {
                    counts.put(thread.getFileName().toString(), parse(Files.readAllLines(thread.resolve("status"))));
                } catch (IOException e) {
                    // The thread ended after the listing: it has nothing left to count.
                }
            });
        } catch (IOException e) {
            // No thread listing: nothing to count.
        }
        return counts;
    }

    private static long[] parse(Iterable<String> status) {
        var counts = new long[2];
        for (var line : status) {
            if (line.startsWith(VOLUNTARY)) {
                counts[0] = Long.parseLong(line.substring(VOLUNTARY.length()).trim());
            } else if (line.startsWith(INVOLUNTARY)) {
                counts[1] = Long.parseLong(line.substring(INVOLUNTARY.length()).trim());
            }
        }
        return counts;
    }
}
