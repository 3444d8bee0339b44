package org.pekkolab.imagepipeline.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/**
 * A real HTTP server on 127.0.0.1 (a free port) for the URL-source tests: {@code /images/image-N.png}
 * serves small PNGs, {@code /missing.png} answers 404 and {@code /slow.png} answers only after
 * {@link #SLOW}, longer than any timeout the tests set. No internet involved.
 */
public final class ImageServer implements AutoCloseable {

    public static final long SLOW = 60_000;

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "test-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final int images;

    /** Starts serving {@code images} PNGs of {@code width x height}. */
    public ImageServer(int images, int width, int height) throws IOException {
        this.images = images;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (int i = 1; i <= images; i++) {
            var png = ImageEncoder.encodePng(SyntheticImages.generate(width, height, 5, i));
            server.createContext("/images/image-" + i + ".png", exchange -> respond(exchange, 200, png));
        }
        server.createContext("/missing.png", exchange -> respond(exchange, 404, "no such image".getBytes()));
        server.createContext("/slow.png", exchange -> {
            try {
                Thread.sleep(SLOW);
            } catch (InterruptedException e) {
                // close() interrupts: the client gave up long ago.
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The URLs of every good image. */
    public List<URI> imageUris() {
        return IntStream.rangeClosed(1, images).mapToObj(i -> uri("/images/image-" + i + ".png")).toList();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
