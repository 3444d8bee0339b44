package org.pekkolab.imagepipeline.settings;

import java.time.Duration;

/**
 * How the images of a run are read.
 *
 * @param dispatcher where the reader actors run
 * @param readers how many reader actors read at once
 * @param readAhead images read ahead of demand (held or being read); at least one per reader is used
 * @param latency blocking delay added to every read ({@code --io-latency})
 * @param httpTimeout limit for connecting to a URL, and again for its response
 */
public record ReadSettings(IoDispatcher dispatcher, int readers, int readAhead, Duration latency, Duration httpTimeout) {

    public ReadSettings {
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1, got " + readers);
        }
    }

    /** The same settings with the readers on {@code other}. */
    public ReadSettings on(IoDispatcher other) {
        return new ReadSettings(other, readers, readAhead, latency, httpTimeout);
    }
}
