package org.pekkolab.imagepipeline.node;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.pekkolab.imagepipeline.processing.FaultInjector;
import org.pekkolab.imagepipeline.settings.Supervision;
import org.slf4j.event.Level;

/**
 * Pekko's supervision strategies for a {@link Supervision} choice, the same for pull and push
 * workers. Children are kept across restarts: a pull worker's ConsumerController holds the image
 * it has not confirmed.
 */
public final class WorkerSupervision {

    private WorkerSupervision() {}

    /**
     * {@code behavior} supervised for any exception, as {@code choice} says; back-off timing from
     * {@code pipeline.backoff}. Injected faults are expected and counted in the run's restarts, so
     * their supervisor logs them at debug level (an inner supervisor, Pekko's way of treating one
     * exception type apart); any other failure is logged as an error, with its stack trace.
     */
    public static <T> Behavior<T> supervise(Behavior<T> behavior, Supervision choice, Config config) {
        var injected = Behaviors.supervise(behavior)
                .onFailure(FaultInjector.InjectedFault.class, strategy(choice, config).withLogLevel(Level.DEBUG));
        return Behaviors.supervise(injected).onFailure(Exception.class, strategy(choice, config));
    }

    private static SupervisorStrategy strategy(Supervision choice, Config config) {
        return switch (choice) {
            case RESTART -> SupervisorStrategy.restart().withStopChildren(false);
            case RESUME -> SupervisorStrategy.resume();
            case STOP -> SupervisorStrategy.stop();
            case BACKOFF -> SupervisorStrategy.restartWithBackoff(
                            config.getDuration("pipeline.backoff.min"),
                            config.getDuration("pipeline.backoff.max"),
                            config.getDouble("pipeline.backoff.random-factor"))
                    .withStopChildren(false);
        };
    }
}
