package org.pekkolab.imagepipeline.actors;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Pekko's supervision strategies for a {@link Supervision} choice, the same for pull and push
 * workers. Children are kept across restarts: a pull worker's ConsumerController holds the image
 * it has not confirmed.
 */
public final class WorkerSupervision {

    private WorkerSupervision() {}

    /** {@code behavior} supervised for any exception, as {@code choice} says; back-off timing from {@code pipeline.backoff}. */
    public static <T> Behavior<T> supervise(Behavior<T> behavior, Supervision choice, Config config) {
        SupervisorStrategy strategy = switch (choice) {
            case RESTART -> SupervisorStrategy.restart().withStopChildren(false);
            case RESUME -> SupervisorStrategy.resume();
            case STOP -> SupervisorStrategy.stop();
            case BACKOFF -> SupervisorStrategy.restartWithBackoff(
                            config.getDuration("pipeline.backoff.min"),
                            config.getDuration("pipeline.backoff.max"),
                            config.getDouble("pipeline.backoff.random-factor"))
                    .withStopChildren(false);
        };
        return Behaviors.supervise(behavior).onFailure(Exception.class, strategy);
    }
}
