package org.pekkolab.imagepipeline.settings;

/**
 * How many images each pull worker may hold. A worker's consumer asks its producer for more every
 * half window; across JVMs each such request is a message on the network, paid in CPU on both
 * sides, so workers in another JVM than their run's supervisor get a window of their own.
 *
 * @param sameJvm the window of a worker in the supervisor's JVM ({@code pipeline.window})
 * @param otherJvm the window of a worker in another JVM ({@code pipeline.cluster.window})
 */
public record PullWindow(int sameJvm, int otherJvm) {

    public PullWindow {
        if (sameJvm < WorkerSettings.MIN_WINDOW || otherJvm < WorkerSettings.MIN_WINDOW) {
            throw new IllegalArgumentException("a window must be at least " + WorkerSettings.MIN_WINDOW + ", got " + sameJvm + " and " + otherJvm);
        }
    }

    /** One window for every worker, wherever it is ({@code --window}). */
    public static PullWindow everywhere(int window) {
        return new PullWindow(window, window);
    }

    /** The window of a worker beside its supervisor, or of one in another JVM. */
    public int forWorker(boolean besideSupervisor) {
        return besideSupervisor ? sameJvm : otherJvm;
    }
}
