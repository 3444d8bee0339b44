package org.pekkolab.imagepipeline.actors;

import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * Where the control actors of a run work: its {@link PipelineSupervisor} with the work-pulling
 * producer controller (or the push router) under it, and each node's {@link MetricsCollector}.
 * Their work per image is a few tens of microseconds of message handling.
 *
 * <ul>
 *   <li>{@link #OWN}: Pekko's default dispatcher (one thread, see application.conf), beside the
 *       workers, whatever dispatcher they are on: a comparison of dispatchers changes only where
 *       the workers run. Each control message wakes that thread.
 *   <li>{@link #SHARED}: the run's own dispatcher, the one its filter workers run on: one shared
 *       dispatcher, as in a plain Pekko application. Control messages are handled between images
 *       by a worker thread, with no thread to wake; with every core busy that is a little cheaper
 *       than a thread the OS has to switch in. On a dispatcher without work stealing
 *       (affinity-pool) a control actor waits behind the busy worker its thread is bound to.
 * </ul>
 */
public enum ControlDispatcher {
    SHARED,
    OWN;

    /** The name users type and reports show. */
    public String label() {
        return Choices.label(this);
    }

    /** The dispatcher the control actors of a run with this spec run on. */
    public DispatcherSelector selector(WorkerSpec spec) {
        return switch (this) {
            case SHARED -> DispatcherSelector.fromConfig(NodeAgent.dispatcherPath(spec.dispatcher(), spec.threads()));
            case OWN -> DispatcherSelector.defaultDispatcher();
        };
    }

    /** @throws IllegalArgumentException naming the known choices */
    public static ControlDispatcher parse(String text) {
        return Choices.parse(ControlDispatcher.class, "control dispatcher", text);
    }
}
