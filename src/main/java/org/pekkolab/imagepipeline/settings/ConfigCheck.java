package org.pekkolab.imagepipeline.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every {@code pipeline.*} setting of conf/application.conf with the type and range it must have,
 * checked when the configuration is loaded: a value a user set wrongly in {@code --config} (or as a
 * system property) stops the tool before the first row, in one line that names the key, where the
 * value came from and what was expected, rather than halfway through a sweep. The dispatcher
 * presets are checked by making them, when the actor system starts.
 */
public final class ConfigCheck {

    private record Rule(String path, String expected, Function<Config, Boolean> holds) {}

    private static final String TICK = "pekko.scheduler.tick-duration";

    private static final List<Rule> RULES = List.of(
            atLeast("pipeline.max-pixels", 1),
            atLeast("pipeline.max-retries", 0),
            atLeast("pipeline.window", WorkerSettings.MIN_WINDOW),
            atLeast("pipeline.cluster.window", WorkerSettings.MIN_WINDOW),
            atLeast("pipeline.cluster.batch", 1),
            atLeast("pipeline.push.mailbox-capacity", 0),
            atLeastTick("pipeline.push.resend-delay"),
            above0("pipeline.push.held-heap-share", 0.9),
            atLeast("pipeline.stream.buffer", 1),
            choice("pipeline.supervision", Supervision.class),
            notNegative("pipeline.backoff.min"),
            new Rule("pipeline.backoff.max", "a duration of at least pipeline.backoff.min",
                    config -> config.getDuration("pipeline.backoff.max").compareTo(config.getDuration("pipeline.backoff.min")) >= 0),
            share("pipeline.backoff.random-factor", 1),
            notNegative("pipeline.faults.slow"),
            choice("pipeline.control", ControlDispatcher.class),
            notNegative("pipeline.cluster.warmup-max"),
            zeroOrTick("pipeline.cluster.outcome-batch"),
            atLeast("pipeline.read-ahead", 0),
            notNegative("pipeline.io.latency"),
            choice("pipeline.io.dispatcher", IoDispatcher.class),
            atLeast("pipeline.io.readers", 1),
            atLeast("pipeline.io.read-batch", 1),
            positive("pipeline.http.timeout"),
            notNegative("pipeline.warmup"),
            notNegative("pipeline.warmup-max"),
            above0("pipeline.warmup-settled-share", 1),
            notNegative("pipeline.min-row-time"),
            atLeast("pipeline.trials", 1),
            atLeastTick("pipeline.sample-interval"),
            atLeast("pipeline.dispatcher-throughput", 0),
            between("pipeline.worker-nice", 0, WorkerSettings.MAX_NICE));

    private ConfigCheck() {}

    /**
     * @throws UsageException naming the first setting that is missing, of the wrong type or out of
     *     range, where it was set and what it must be
     */
    public static void check(Config config) {
        for (var rule : RULES) {
            boolean holds;
            try {
                holds = rule.holds().apply(config);
            } catch (ConfigException.Missing e) {
                throw new UsageException("bad configuration: " + rule.path() + " is missing; expected " + rule.expected());
            } catch (ConfigException e) {
                holds = false;
            }
            if (!holds) {
                var value = config.getValue(rule.path());
                throw new UsageException(String.format(Locale.ROOT, "bad configuration: %s = %s (%s): expected %s",
                        rule.path(), value.render(), value.origin().description(), rule.expected()));
            }
        }
    }

    private static Rule atLeast(String path, long min) {
        return new Rule(path, "a whole number of at least " + min, config -> config.getLong(path) >= min);
    }

    private static Rule between(String path, long min, long max) {
        return new Rule(path, "a whole number from " + min + " to " + max, config -> {
            long value = config.getLong(path);
            return value >= min && value <= max;
        });
    }

    private static Rule positive(String path) {
        return new Rule(path, "a duration above 0, e.g. 10s or 50ms", config -> config.getDuration(path).compareTo(Duration.ZERO) > 0);
    }

    /** A timer's duration: timers fire on the scheduler's ticks, so a shorter one would not be kept. */
    private static Rule atLeastTick(String path) {
        return new Rule(path, "a duration of at least " + TICK,
                config -> config.getDuration(path).compareTo(config.getDuration(TICK)) >= 0);
    }

    private static Rule zeroOrTick(String path) {
        return new Rule(path, "0ms (off) or a duration of at least " + TICK, config -> {
            var value = config.getDuration(path);
            return value.isZero() || value.compareTo(config.getDuration(TICK)) >= 0;
        });
    }

    private static Rule notNegative(String path) {
        return new Rule(path, "a duration of 0 or more, e.g. 2s or 0ms", config -> !config.getDuration(path).isNegative());
    }

    /** A number from 0 to {@code max}, both included. */
    private static Rule share(String path, double max) {
        return new Rule(path, "a number from 0 to " + max, config -> {
            double value = config.getDouble(path);
            return value >= 0 && value <= max;
        });
    }

    /** A number above 0 and at most {@code max}. */
    private static Rule above0(String path, double max) {
        return new Rule(path, "a number above 0 and at most " + max, config -> {
            double value = config.getDouble(path);
            return value > 0 && value <= max;
        });
    }

    private static <E extends Enum<E>> Rule choice(String path, Class<E> type) {
        var names = Arrays.stream(type.getEnumConstants()).map(Choices::label).toList();
        return new Rule(path, "one of " + String.join(", ", names), config -> names.contains(config.getString(path).trim().toLowerCase(Locale.ROOT)));
    }
}
