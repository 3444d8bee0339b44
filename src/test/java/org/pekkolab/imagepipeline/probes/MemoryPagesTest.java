package org.pekkolab.imagepipeline.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryPagesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheMemoryOnHugePagesFromSmapsRollup() throws IOException {
        var file = dir.resolve("smaps_rollup");
        Files.writeString(file, """
                00400000-7ffd [rollup]
                Rss:             2300000 kB
                AnonHugePages:   2199552 kB
                ShmemHugePages:        0 kB
                """);

        assertEquals(Optional.of(2148L), MemoryPages.hugePagesMb(file));
    }

    @Test
    void noFileIsNotMeasuredRatherThanZero() {
        assertEquals(Optional.empty(), MemoryPages.hugePagesMb(dir.resolve("missing")));
    }
}
