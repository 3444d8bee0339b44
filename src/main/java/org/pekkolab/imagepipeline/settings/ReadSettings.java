package org.pekkolab.imagepipeline.settings;

import java.time.Duration;
import java.util.List;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * How the images of a run are read.
 *
 * @param dispatcher where the reader actors run
 * @param readers how many reader actors read at once
 * @param readAhead images read ahead of demand (held or being read); at least one per reader is used
 * @param batch local files per read message when reads add no latency ({@link #batchFor})
 * @param latency blocking delay added to every read ({@code --io-latency})
 * @param httpTimeout limit for connecting to a URL, and again for its response
 */
public record ReadSettings(IoDispatcher dispatcher, int readers, int readAhead, int batch, Duration latency, Duration httpTimeout) {

    public ReadSettings {
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1, got " + readers);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("a read batch must be at least 1 image, got " + batch);
        }
    }

    /** One image per read message. */
    public ReadSettings(IoDispatcher dispatcher, int readers, int readAhead, Duration latency, Duration httpTimeout) {
        this(dispatcher, readers, readAhead, 1, latency, httpTimeout);
    }

    /** The same settings with the readers on {@code other}. */
    public ReadSettings on(IoDispatcher other) {
        return new ReadSettings(other, readers, readAhead, batch, latency, httpTimeout);
    }

    /**
     * Images per read message for these sources: {@link #batch} for local files read without added
     * latency, where a read takes microseconds and waking the reader's thread costs more; one for
     * URLs and with {@code --io-latency}, whose reads wait, so that they wait side by side on
     * several readers, as the I/O experiments need.
     */
    public int batchFor(List<ImageSource> sources) {
        boolean quickReads = latency.isZero() && sources.stream().allMatch(ImageSource.LocalFile.class::isInstance);
        return quickReads ? batch : 1;
    }
}
