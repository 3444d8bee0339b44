package org.pekkolab.imagepipeline.actors;

import java.time.Duration;
import org.pekkolab.imagepipeline.source.SourceReader;

/**
 * How the images of a run are read.
 *
 * @param dispatcher where the reader actors run
 * @param readers how many reader actors read at once
 * @param latency blocking delay added to every read ({@code --io-latency})
 * @param httpTimeout limit for connecting to a URL, and again for its response
 */
public record ReadSettings(IoDispatcher dispatcher, int readers, Duration latency, Duration httpTimeout) {

    /** The same settings with the readers on {@code other}. */
    public ReadSettings on(IoDispatcher other) {
        return new ReadSettings(other, readers, latency, httpTimeout);
    }

    /** A reader for one run; its HTTP client, if URLs need one, is shared by the run's readers. */
    public SourceReader newSourceReader() {
        return new SourceReader(latency, httpTimeout);
    }
}
