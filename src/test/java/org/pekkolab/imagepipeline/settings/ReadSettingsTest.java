package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.source.ImageSource;

/** Several local files to a read message only where reads do not wait. */
class ReadSettingsTest {

    private static final List<ImageSource> FILES = List.of(new ImageSource.LocalFile(Path.of("a.jpg")), new ImageSource.LocalFile(Path.of("b.jpg")));

    private static ReadSettings reads(Duration latency) {
        return new ReadSettings(IoDispatcher.BLOCKING, 8, 4, 4, latency, Duration.ofSeconds(10));
    }

    @Test
    void localFilesWithoutAddedLatencyGoInBatches() {
        assertEquals(4, reads(Duration.ZERO).batchFor(FILES));
    }

    @Test
    void readsWithAddedLatencyGoOneByOneSoThatTheirWaitsOverlap() {
        assertEquals(1, reads(Duration.ofMillis(20)).batchFor(FILES));
    }

    @Test
    void urlsGoOneByOne() {
        var urls = List.<ImageSource>of(ImageSource.WebImage.of(URI.create("http://192.0.2.1/a.jpg"), 1));
        assertEquals(1, reads(Duration.ZERO).batchFor(urls));
    }

    @Test
    void aBatchBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReadSettings(IoDispatcher.BLOCKING, 8, 4, 0, Duration.ZERO, Duration.ofSeconds(10)));
    }
}
