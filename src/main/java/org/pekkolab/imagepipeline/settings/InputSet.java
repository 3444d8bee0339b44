package org.pekkolab.imagepipeline.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * The images of a run: the image files of a folder ({@code --input}) or the URLs of a list file
 * ({@code --source}).
 *
 * @param location the folder, or the URL list file
 */
public record InputSet(Kind kind, Path location, List<ImageSource> sources) {

    public enum Kind {
        FOLDER("dir"),
        URL_LIST("url-list");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How report.json names it. */
        public String label() {
            return label;
        }
    }

    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private static final Set<String> URL_SCHEMES = Set.of("http", "https");

    /**
     * The image files of a folder (not recursive), in name order. A file counts as an input by its
     * extension; whether it really is an image is the decoder's business, so a broken {@code .jpg}
     * is an input that fails, while a {@code README.md} beside the images is not an input.
     */
    public static InputSet scan(Path dir) {
        if (!Files.exists(dir)) {
            throw new UsageException("input folder does not exist: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("input is not a folder: " + dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            var files = entries
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .filter(InputSet::hasImageExtension)
                    .sorted()
                    .<ImageSource>map(ImageSource.LocalFile::new)
                    .toList();
            if (files.isEmpty()) {
                throw new UsageException("no image files (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                        + ") in input folder: " + dir);
            }
            return new InputSet(Kind.FOLDER, dir, files);
        } catch (IOException e) {
            throw new UsageException("cannot list input folder " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The URLs of a list file, one per line, in file order; blank lines and lines starting with
     * {@code #} are skipped. Only http and https URLs are accepted: a bad line is a usage error
     * before anything runs, not a failed image.
     */
    public static InputSet urlList(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--source: URL list not found: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("--source: cannot read " + file + ": " + e.getMessage());
        }
        var sources = new ArrayList<ImageSource>();
        var names = new HashSet<String>();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                var image = ImageSource.WebImage.of(httpUrl(line, file, i + 1), sources.size() + 1);
                sources.add(new ImageSource.WebImage(image.uri(), unique(image.name(), names)));
            }
        }
        if (sources.isEmpty()) {
            throw new UsageException("--source: no URLs in " + file + " (one http or https URL per line)");
        }
        return new InputSet(Kind.URL_LIST, file, List.copyOf(sources));
    }

    /**
     * {@code name}, or {@code name} numbered before its extension ("pizza-2.jpg") when an earlier URL
     * took its stem: outputs are named by stem, and two URLs ending in pizza.jpg, or in pizza.jpg and
     * pizza.png, must not save over each other.
     */
    private static String unique(String name, Set<String> takenStems) {
        var stem = OutputTarget.stem(name);
        var extension = name.substring(stem.length());
        var candidate = stem;
        for (int n = 2; !takenStems.add(candidate); n++) {
            candidate = stem + "-" + n;
        }
        return candidate + extension;
    }

    private static URI httpUrl(String text, Path file, int lineNumber) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notAnHttpUrl(text, file, lineNumber);
        }
        if (uri.getScheme() == null || !URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw notAnHttpUrl(text, file, lineNumber);
        }
        return uri;
    }

    private static UsageException notAnHttpUrl(String text, Path file, int lineNumber) {
        return new UsageException("--source: line " + lineNumber + " of " + file + " is not an http or https URL: " + text);
    }

    private static boolean hasImageExtension(Path path) {
        var name = path.getFileName().toString();
        var dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
