package org.pekkolab.imagepipeline.settings;

/**
 * Where the control actors of a run work: its supervisor with the work-pulling
 * producer controller (or the push router) under it. (Each node's metrics actor, messaged once
 * per image, always runs on the workers' dispatcher.)
 * Their work per image is a few tens of microseconds of message handling.
 *
 * <ul>
 *   <li>{@link #SHARED}: the run's own dispatcher, the one its filter workers run on: one shared
 *       dispatcher, as in a plain Pekko application. Control messages are handled between images
 *       by a worker thread, with no thread to wake; with every core busy that is cheaper than a
 *       thread the OS has to switch in. On a dispatcher without work stealing (affinity-pool) a
 *       control actor waits behind the busy worker its thread is bound to.
 *   <li>{@link #OWN}: Pekko's default dispatcher (one thread, see application.conf), beside the
 *       workers, whatever dispatcher they are on. Each control message wakes that thread, which
 *       costs nothing while a core is idle.
 *   <li>{@link #AUTO}: whichever of the two measured faster for the run, decided per run by
 *       {@link #resolve}.
 * </ul>
 */
public enum ControlDispatcher {
    AUTO,
    SHARED,
    OWN;

    /** The name users type and reports show. */
    public String label() {
        return Choices.label(this);
    }

    /**
     * Where a run's control actors work with this setting: {@link #SHARED} or {@link #OWN} as
     * given; {@link #AUTO} shares the workers' dispatcher only where that measured faster, a pull
     * run in one JVM whose dispatcher has a thread per core and lets any of them run any actor.
     * With a core to spare a thread of their own is free; a push supervisor on the workers' threads
     * can only send between images, which hides what push does; on affinity-pool (actors bound to
     * threads) and pinned (a thread per actor) the control actors would wait or get threads anyway.
     *
     * @param cluster whether the run's workers are on several nodes
     * @param sharesThreads whether the run's dispatcher runs any actor on any of its threads
     * @param threads the run dispatcher's threads
     * @param cores the cores of this JVM
     */
    public ControlDispatcher resolve(boolean cluster, Distribution distribution, boolean sharesThreads, int threads, int cores) {
        if (this != AUTO) {
            return this;
        }
        return !cluster && distribution == Distribution.PULL && sharesThreads && threads >= cores ? SHARED : OWN;
    }


    /** @throws IllegalArgumentException naming the known choices */
    public static ControlDispatcher parse(String text) {
        return Choices.parse(ControlDispatcher.class, "control dispatcher", text);
    }
}
