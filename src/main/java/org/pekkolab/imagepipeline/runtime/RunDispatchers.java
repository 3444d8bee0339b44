package org.pekkolab.imagepipeline.runtime;

import org.apache.pekko.actor.typed.DispatcherSelector;
import org.pekkolab.imagepipeline.settings.ControlDispatcher;
import org.pekkolab.imagepipeline.settings.IoDispatcher;

/**
 * The dispatchers the actors of a run work on. Every preset has a copy per thread count under
 * {@code pipeline.run-dispatchers} ({@link PipelineSystem} adds them), so that a run's workers get
 * exactly as many threads as the ExecutorService row they are compared with.
 */
public final class RunDispatchers {

    private RunDispatchers() {}

    /** The config path of a preset's copy sized to {@code threads} threads. */
    public static String path(String preset, int threads) {
        return "pipeline.run-dispatchers.\"" + preset + "-" + threads + "\"";
    }

    /** Where the filter workers of a run on {@code preset} with {@code threads} threads work. */
    public static DispatcherSelector workers(String preset, int threads) {
        return DispatcherSelector.fromConfig(path(preset, threads));
    }

    /**
     * Where a run's control actors work.
     *
     * @throws IllegalStateException for {@link ControlDispatcher#AUTO}, which is resolved for each run before it starts
     */
    public static DispatcherSelector control(ControlDispatcher control, String preset, int threads) {
        return switch (control) {
            case SHARED -> workers(preset, threads);
            case OWN -> DispatcherSelector.defaultDispatcher();
            case AUTO -> throw new IllegalStateException("control 'auto' must be resolved for the run before it starts");
        };
    }

    /** Where a run's image readers block. */
    public static DispatcherSelector readers(IoDispatcher readers, String preset, int threads) {
        return switch (readers) {
            case BLOCKING -> DispatcherSelector.fromConfig(IoDispatcher.BLOCKING_PATH);
            case CPU -> workers(preset, threads);
            case VIRTUAL -> DispatcherSelector.fromConfig(IoDispatcher.VIRTUAL_PATH);
        };
    }
}
