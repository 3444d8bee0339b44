package org.pekkolab.imagepipeline.probes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which CPU core the calling thread last ran on: the JVM counterpart of the Python study's
 * "PID / thread id / core id" tracking. Linux exposes it as field 39 of /proc/thread-self/stat;
 * elsewhere the core is reported as -1.
 */
public final class ThreadPlacement {

    private static final Path STAT = Path.of("/proc/thread-self/stat");
    private static final boolean AVAILABLE = Files.isReadable(STAT);
    /** Field 39 ("processor") counted from field 3, the first one after the command name. */
    private static final int PROCESSOR_INDEX = 39 - 3;

    private ThreadPlacement() {}

    public static int currentCore() {
        if (!AVAILABLE) {
            return -1;
        }
        try {
            var stat = new String(Files.readAllBytes(STAT), StandardCharsets.US_ASCII);
            // The command name may contain spaces and parentheses: fields start after the last ')'.
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[PROCESSOR_INDEX]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
