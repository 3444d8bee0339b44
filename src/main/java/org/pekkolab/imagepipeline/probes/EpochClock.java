package org.pekkolab.imagepipeline.probes;

import java.time.Instant;

/**
 * Microseconds since the epoch, read from {@link System#nanoTime()} anchored once to the wall
 * clock: steady within a JVM (an NTP step does not move it), and comparable between JVMs of one
 * host, whose wall clocks are the same clock. Between hosts the anchors differ by what their clocks
 * differ; the supervisor measures that offset per node and puts every node on its own time line.
 */
public final class EpochClock {

    private static final long ANCHOR_NANOS;
    private static final long ANCHOR_MICROS;

    static {
        // The first Instant.now() loads classes for milliseconds: anchor on a later one, paired with
        // the nanoTime read closest around it.
        Instant.now();
        long bestSpan = Long.MAX_VALUE;
        long nanos = 0;
        long micros = 0;
        for (int i = 0; i < 5; i++) {
            long before = System.nanoTime();
            var wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestSpan) {
                bestSpan = after - before;
                nanos = before + (after - before) / 2;
                micros = epochMicros(wall);
            }
        }
        ANCHOR_NANOS = nanos;
        ANCHOR_MICROS = micros;
    }

    private EpochClock() {}

    public static long nowMicros() {
        return micros(System.nanoTime());
    }

    /** The time a {@link System#nanoTime()} reading of this JVM stands for, in µs since the epoch. */
    public static long micros(long nanoTime) {
        return ANCHOR_MICROS + (nanoTime - ANCHOR_NANOS) / 1_000;
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
