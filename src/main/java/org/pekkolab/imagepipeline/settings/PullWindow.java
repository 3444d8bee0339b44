package org.pekkolab.imagepipeline.settings;

/**
 * How many images each pull worker may hold, and how many travel in one message. A worker's
 * consumer asks its producer for more every half window; across JVMs each such request, and each
 * delivery, is a message on the network, paid in CPU on both sides whatever its size. So workers in
 * another JVM than their run's supervisor get a window of their own and their images in batches.
 *
 * @param sameJvm the window of a worker in the supervisor's JVM ({@code pipeline.window})
 * @param otherJvm the window of a worker in another JVM ({@code pipeline.cluster.window})
 * @param batch images per message to a worker in another JVM ({@code pipeline.cluster.batch}); fewer
 *     where its window would otherwise hold fewer than {@link WorkerSettings#MIN_WINDOW} messages
 */
public record PullWindow(int sameJvm, int otherJvm, int batch) {

    public PullWindow {
        if (sameJvm < WorkerSettings.MIN_WINDOW || otherJvm < WorkerSettings.MIN_WINDOW) {
            throw new IllegalArgumentException("a window must be at least " + WorkerSettings.MIN_WINDOW + ", got " + sameJvm + " and " + otherJvm);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("a batch must be at least 1 image, got " + batch);
        }
    }

    /** One window for every worker, wherever it is, one image per message. */
    public static PullWindow everywhere(int window) {
        return new PullWindow(window, window, 1);
    }

    /** The window of a worker beside its supervisor, or of one in another JVM, in images. */
    public int forWorker(boolean besideSupervisor) {
        return besideSupervisor ? sameJvm : otherJvm;
    }

    /** Images per message to a worker: one beside its supervisor, where a message costs no more than a method call. */
    public int imagesPerMessage(boolean besideSupervisor) {
        return besideSupervisor ? 1 : Math.max(1, Math.min(batch, otherJvm / WorkerSettings.MIN_WINDOW));
    }

    /** The window in messages, as the worker's consumer controller counts it: never more images than {@link #forWorker}. */
    public int messages(boolean besideSupervisor) {
        return forWorker(besideSupervisor) / imagesPerMessage(besideSupervisor);
    }
}
