package org.pekkolab.imagepipeline.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration of an invocation, the coordinator's and a cluster node's alike, in layers:
 * conf/application.conf (the classpath {@code application.conf}), the user's {@code --config} file over
 * it, system properties over both (cluster mode passes settings to its node JVMs that way), and
 * settings given as options on the command line ({@code --throughput}) over everything.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * @param file the user's HOCON file, if any
     * @param overrides values of command-line options, by configuration path
     * @throws UsageException when the file is missing, the configuration is malformed or a setting is
     *     of the wrong type or out of range ({@link ConfigCheck})
     */
    public static Config load(Optional<Path> file, Map<String, ?> overrides) {
        Config config;
        try {
            if (file.isEmpty()) {
                config = ConfigFactory.load();
            } else if (!Files.isRegularFile(file.get())) {
                throw new UsageException("config file not found: " + file.get());
            } else {
                // Layered before substitutions are resolved, so that defaults defined from other
                // settings (the reader pools from pipeline.io.readers) follow the user's values.
                config = ConfigFactory.defaultOverrides()
                        .withFallback(ConfigFactory.parseFile(file.get().toFile()))
                        .withFallback(ConfigFactory.defaultApplication())
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve();
            }
        } catch (ConfigException e) {
            throw new UsageException("bad configuration: " + e.getMessage());
        }
        for (var override : overrides.entrySet()) {
            config = config.withValue(override.getKey(), ConfigValueFactory.fromAnyRef(override.getValue()));
        }
        ConfigCheck.check(config);
        return config;
    }
}
