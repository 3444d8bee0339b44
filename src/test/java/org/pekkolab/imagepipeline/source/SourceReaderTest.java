package org.pekkolab.imagepipeline.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;

/** Reading files and URLs, against a real local HTTP server. */
class SourceReaderTest {

    private static ImageServer server;
    private static final SourceReader reader = new SourceReader(Duration.ZERO, Duration.ofSeconds(1));

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = new ImageServer(2, 24, 16);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void downloadsAnImageNamedAfterItsUrl() throws Exception {
        var image = ImageSource.WebImage.of(server.imageUris().get(0), 1);
        assertEquals("image-1.png", image.name());
        var bytes = reader.read(image);
        assertEquals(24, new ImageDecoder().decode(bytes, image.name()).width());
    }

    @Test
    void non2xxStatusIsAFailureNamingTheStatus() {
        var failure = assertThrows(UnreadableSourceException.class,
                () -> reader.read(ImageSource.WebImage.of(server.uri("/missing.png"), 1)));
        assertEquals("HTTP 404", failure.getMessage());
    }

    @Test
    void responseSlowerThanTheTimeoutIsAFailureNamingTheTimeout() {
        var failure = assertThrows(UnreadableSourceException.class,
                () -> reader.read(ImageSource.WebImage.of(server.uri("/slow.png"), 1)));
        assertEquals("timed out after 1 s", failure.getMessage());
    }

    @Test
    void refusedConnectionIsAFailureNamingTheServer() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var failure = assertThrows(UnreadableSourceException.class,
                () -> reader.read(ImageSource.WebImage.of(URI.create("http://127.0.0.1:" + port + "/a.png"), 1)));
        assertEquals("cannot connect to 127.0.0.1:" + port, failure.getMessage());
    }

    @Test
    void readsFilesAndSaysWhenOneDisappeared() throws Exception {
        var file = Files.write(dir.resolve("bytes.bin"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, reader.read(new ImageSource.LocalFile(file)));
        var failure = assertThrows(UnreadableSourceException.class, () -> reader.read(new ImageSource.LocalFile(dir.resolve("gone.png"))));
        assertEquals("file disappeared", failure.getMessage());
    }

    @Test
    void latencyDelaysEveryRead() throws Exception {
        var file = Files.write(dir.resolve("slow.bin"), new byte[] {7});
        var slow = new SourceReader(Duration.ofMillis(50), Duration.ofSeconds(1));
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            slow.read(new ImageSource.LocalFile(file));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 500, "10 reads with 50 ms latency took " + elapsedMs + " ms");
    }
}
