package org.pekkolab.imagepipeline.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What size of pages this JVM's memory is on: how much of it Linux backs with 2 MB transparent huge
 * pages ({@code AnonHugePages} in {@code /proc/self/smaps_rollup}). {@code run.sh} asks for them for
 * the heap where the kernel gives them on request; on 4 KB pages the CPU, and any kernel memory
 * monitor that samples the pages, walks 512 times as many page-table entries.
 */
public final class MemoryPages {

    private static final Path SMAPS_ROLLUP = Path.of("/proc/self/smaps_rollup");

    private MemoryPages() {}

    /** For the report: how much of this JVM's memory is on 2 MB pages; "not measured" where Linux does not say. */
    public static String describe() {
        return hugePagesMb(SMAPS_ROLLUP)
                .map(mb -> mb > 0 ? "2 MB for " + mb + " MB of this JVM's memory, 4 KB for the rest" : "4 KB only (no transparent huge pages)")
                .orElse("not measured");
    }

    /** The memory on transparent huge pages, in MB, as a smaps_rollup file gives it; empty where it cannot be read. */
    static Optional<Long> hugePagesMb(Path smapsRollup) {
        try (var lines = Files.lines(smapsRollup)) {
            return lines.filter(line -> line.startsWith("AnonHugePages:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
