package org.pekkolab.imagepipeline.source;

import java.net.URI;
import java.nio.file.Path;

/** Where one input image comes from: a local file or a URL fetched over HTTP. */
public sealed interface ImageSource {

    /** The image's name in reports, failures and saved outputs. */
    String name();

    record LocalFile(Path path) implements ImageSource {
        @Override
        public String name() {
            return path.getFileName().toString();
        }
    }

    /** @param name the last segment of the URL's path, or the host and the URL's place in its list when the path has none */
    record WebImage(URI uri, String name) implements ImageSource {

        /** Names the image after the URL; {@code index} (from 1) tells apart several path-less URLs of one host. */
        public static WebImage of(URI uri, int index) {
            var path = uri.getPath() == null ? "" : uri.getPath();
            var trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            var segment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
            return new WebImage(uri, segment.isEmpty() ? uri.getHost() + "-" + index : segment);
        }
    }
}
