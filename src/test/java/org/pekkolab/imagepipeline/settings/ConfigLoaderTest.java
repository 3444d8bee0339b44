package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's layers: conf/application.conf, the user's file over it, command-line values over everything. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theUsersFileOverridesTheDefaultsAndSettingsDefinedFromThemFollow() throws IOException {
        var file = Files.writeString(dir.resolve("mine.conf"), "pipeline.window = 9\npipeline.io.readers = 3\n");

        var config = ConfigLoader.load(Optional.of(file), Map.of());

        assertEquals(9, config.getInt("pipeline.window"));
        assertEquals(3, config.getInt(IoDispatcher.VIRTUAL_PATH + ".thread-pool-executor.fixed-pool-size"));
        assertEquals(4, ConfigLoader.load(Optional.empty(), Map.of()).getInt("pipeline.window"));
    }

    @Test
    void commandLineValuesOverrideEverything() throws IOException {
        var file = Files.writeString(dir.resolve("mine.conf"), "pipeline.dispatcher-throughput = 2\n");

        var config = ConfigLoader.load(Optional.of(file), Map.of("pipeline.dispatcher-throughput", 7));

        assertEquals(7, config.getInt("pipeline.dispatcher-throughput"));
    }

    @Test
    void aMissingOrMalformedFileIsAUsageError() throws IOException {
        var missing = dir.resolve("missing.conf");
        assertEquals("config file not found: " + missing,
                assertThrows(UsageException.class, () -> ConfigLoader.load(Optional.of(missing), Map.of())).getMessage());

        var broken = Files.writeString(dir.resolve("broken.conf"), "pipeline.window = {\n");
        var error = assertThrows(UsageException.class, () -> ConfigLoader.load(Optional.of(broken), Map.of()));
        assertTrue(error.getMessage().startsWith("bad configuration: "), error.getMessage());
    }
}
