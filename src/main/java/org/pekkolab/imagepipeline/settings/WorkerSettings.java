package org.pekkolab.imagepipeline.settings;

import java.util.List;

/**
 * How many workers each row has and what bounds them.
 *
 * @param counts the worker counts swept ({@code --workers}), per node in cluster mode
 * @param threads dispatcher threads per run, or 0 for as many as the run has workers ({@code --threads})
 * @param window images each pull worker may hold ({@code --window}), beside its supervisor or in another JVM
 * @param mailboxCapacity push mode: the bound of each worker's mailbox, 0 for unbounded
 * @param streamBuffer stream mode: the buffers of each node's stream ({@code --buffer})
 * @param nice nice steps of the threads doing image work below the JVM's other threads ({@code --worker-nice})
 */
public record WorkerSettings(List<Integer> counts, int threads, PullWindow window, int mailboxCapacity, int streamBuffer, int nice) {

    /**
     * Pekko's ConsumerController requests more when half its window is used; with a window of 1
     * or 2 that never happens after the first image and the worker stalls.
     */
    public static final int MIN_WINDOW = 3;

    /** Linux's nice values go up to 19. */
    public static final int MAX_NICE = 19;

    public WorkerSettings {
        counts = List.copyOf(counts);
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no worker counts");
        }
        if (nice < 0 || nice > MAX_NICE) {
            throw new IllegalArgumentException("nice must be between 0 and " + MAX_NICE + ", got " + nice);
        }
    }

    /** Threads of the dispatcher a run with {@code workers} workers gets. */
    public int threadsFor(int workers) {
        return threads > 0 ? threads : workers;
    }

    /** Every dispatcher size the sweep's runs need. */
    public List<Integer> threadCounts() {
        return counts.stream().map(this::threadsFor).distinct().toList();
    }

    /** The largest worker count. */
    public int largest() {
        return counts.get(counts.size() - 1);
    }
}
