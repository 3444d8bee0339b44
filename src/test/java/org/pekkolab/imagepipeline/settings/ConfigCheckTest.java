package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every pipeline setting is checked for type and range when the configuration is loaded. */
class ConfigCheckTest {

    @Test
    void theShippedConfigurationPasses() {
        assertDoesNotThrow(() -> ConfigCheck.check(ConfigFactory.load()));
    }

    @Test
    void aTimerShorterThanTheSchedulersTickIsRejected() {
        var config = ConfigFactory.parseString("pekko.scheduler.tick-duration = 100ms").withFallback(ConfigFactory.load()).resolve();

        var error = assertThrows(UsageException.class, () -> ConfigCheck.check(config));

        assertTrue(error.getMessage().startsWith("bad configuration: pipeline.push.resend-delay = \"20ms\""), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pipeline.max-pixels = 0               | a whole number of at least 1",
            "pipeline.max-retries = -1             | a whole number of at least 0",
            "pipeline.window = 2                   | a whole number of at least 3",
            "pipeline.window = four                | a whole number of at least 3",
            "pipeline.cluster.window = 2           | a whole number of at least 3",
            "pipeline.cluster.batch = 0            | a whole number of at least 1",
            "pipeline.push.mailbox-capacity = -1   | a whole number of at least 0",
            "pipeline.push.resend-delay = 5ms      | a duration of at least pekko.scheduler.tick-duration",
            "pipeline.push.held-heap-share = 0     | a number above 0 and at most 0.9",
            "pipeline.stream.buffer = 0            | a whole number of at least 1",
            "pipeline.backoff.min = -1ms           | a duration of 0 or more",
            "pipeline.cluster.warmup-max = -1s     | a duration of 0 or more",
            "pipeline.io.latency = -5ms            | a duration of 0 or more",
            "pipeline.warmup = -1s                 | a duration of 0 or more",
            "pipeline.supervision = retsart        | one of restart, resume, stop, backoff",
            "pipeline.backoff.max = 5ms            | a duration of at least pipeline.backoff.min",
            "pipeline.backoff.random-factor = 2    | a number from 0 to 1",
            "pipeline.faults.slow = -1ms           | a duration of 0 or more",
            "pipeline.control = mine               | one of auto, shared, own",
            "pipeline.cluster.outcome-batch = soon | 0ms (off) or a duration of at least pekko.scheduler.tick-duration",
            "pipeline.cluster.outcome-batch = 5ms  | 0ms (off) or a duration of at least pekko.scheduler.tick-duration",
            "pipeline.read-ahead = -1              | a whole number of at least 0",
            "pipeline.io.dispatcher = disk         | one of blocking",
            "pipeline.io.readers = 0               | a whole number of at least 1",
            "pipeline.io.read-batch = 0            | a whole number of at least 1",
            "pipeline.http.timeout = 0s            | a duration above 0",
            "pipeline.warmup-max = -1s             | a duration of 0 or more",
            "pipeline.warmup-settled-share = 0     | a number above 0 and at most 1",
            "pipeline.min-row-time = -1s           | a duration of 0 or more",
            "pipeline.trials = 0                   | a whole number of at least 1",
            "pipeline.sample-interval = 0ms        | a duration of at least pekko.scheduler.tick-duration",
            "pipeline.dispatcher-throughput = -1   | a whole number of at least 0",
            "pipeline.worker-nice = 20             | a whole number from 0 to 19",
            "pipeline.worker-nice = -1             | a whole number from 0 to 19"})
    void aBadValueIsRejectedWithTheKeyItsOriginAndWhatIsExpected(String setting, String expected) {
        var config = ConfigFactory.parseString(setting).withFallback(ConfigFactory.load()).resolve();
        var key = setting.substring(0, setting.indexOf(' '));

        var error = assertThrows(UsageException.class, () -> ConfigCheck.check(config));

        assertTrue(error.getMessage().startsWith("bad configuration: " + key + " = "), error.getMessage());
        assertTrue(error.getMessage().contains("String: 1") && error.getMessage().contains("expected " + expected), error.getMessage());
    }
}
