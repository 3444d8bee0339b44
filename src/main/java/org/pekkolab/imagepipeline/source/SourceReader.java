package org.pekkolab.imagepipeline.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the bytes of image sources: files from disk, URLs over HTTP with {@link HttpClient}. Every
 * read first blocks for the configured latency ({@code --io-latency}), a stand-in for a slow disk
 * or network, so the sequential baseline, the ExecutorService row and the actor runs all pay it
 * alike. Reads block the calling thread on purpose: that is the I/O study, and the reason actor
 * runs call this from reader actors on a dispatcher chosen for it.
 *
 * <p>Safe to share between threads: one reader serves a whole run, and its HTTP client (connection
 * pool included) is shared by every thread that reads.
 */
public final class SourceReader {

    private final Duration latency;
    private final Duration timeout;
    /** Made on the first URL: a run over local files needs no client and no selector thread. */
    private HttpClient client;

    /** @param timeout how long connecting, and then waiting for the response, may take */
    public SourceReader(Duration latency, Duration timeout) {
        this.latency = latency;
        this.timeout = timeout;
    }

    /** Blocks for the latency, then reads the whole image. */
    public byte[] read(ImageSource source) throws UnreadableSourceException {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreadableSourceException("interrupted");
            }
        }
        return source instanceof ImageSource.LocalFile file ? readFile(file.path()) : fetch((ImageSource.WebImage) source);
    }

    private static byte[] readFile(Path path) throws UnreadableSourceException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UnreadableSourceException("file disappeared");
        } catch (IOException | OutOfMemoryError e) {
            // readAllBytes throws OutOfMemoryError for a file over 2 GB: one input's problem, not the run's.
            throw new UnreadableSourceException("cannot read: " + e.getMessage());
        }
    }

    private byte[] fetch(ImageSource.WebImage image) throws UnreadableSourceException {
        var request = HttpRequest.newBuilder(image.uri()).timeout(timeout).GET().build();
        try {
            var response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new UnreadableSourceException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (HttpTimeoutException e) {
            // Connect timeouts are HttpTimeoutExceptions too.
            throw new UnreadableSourceException("timed out after " + describe(timeout));
        } catch (ConnectException e) {
            // The JDK's message is often empty here: say what could not be reached.
            throw new UnreadableSourceException("cannot connect to " + image.uri().getAuthority());
        } catch (IOException | OutOfMemoryError e) {
            throw new UnreadableSourceException("download failed: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableSourceException("interrupted");
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    /** "2 s" or "300 ms", as the timeout was given. */
    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
