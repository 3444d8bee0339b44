package org.pekkolab.imagepipeline.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pekkolab.imagepipeline.imageio.OutputTarget;
import org.pekkolab.imagepipeline.source.ImageSource;

/**
 * The images of a run: the image files of a folder ({@code --input}) or the URLs of a list file
 * ({@code --source}).
 *
 * @param location the folder, or the URL list file
 * @param skipped the folder's entries with an image extension that are not read because they are not
 *     regular files (a directory named {@code x.jpg}, a FIFO, a socket, a dangling symbolic link, a
 *     symbolic link loop), in name order; {@link #notes()} says so before the rows run
 */
public record InputSet(Kind kind, Path location, List<ImageSource> sources, List<Skipped> skipped) {

    /** An entry of the input folder with an image extension that is not an input, and why. */
    public record Skipped(String name, String reason) {}

    public InputSet {
        sources = List.copyOf(sources);
        skipped = List.copyOf(skipped);
    }

    /** A set with nothing left out: a URL list, or a folder of regular files only. */
    public InputSet(Kind kind, Path location, List<ImageSource> sources) {
        this(kind, location, sources, List.of());
    }

    /**
     * One console line per entry left out ({@link #skipped()}), to print before the rows, so that
     * nothing that looks like an image is dropped silently: "Note: dir.jpg is left out of the input: a
     * directory."
     */
    public List<String> notes() {
        return skipped.stream().map(entry -> "Note: " + entry.name() + " is left out of the input: " + entry.reason() + ".").toList();
    }

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
     * is an input that fails, while a {@code README.md} beside the images is not an input. Names
     * starting with a dot are ignored. An entry with an image extension that is not a regular file,
     * itself or at the end of its symbolic links, is never opened (a FIFO would block its reader
     * for ever): it is {@linkplain #skipped() left out with its reason}.
     */
    public static InputSet scan(Path dir) {
        if (!Files.exists(dir)) {
            throw new UsageException("input folder does not exist: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("input is not a folder: " + dir);
        }
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(dir)) {
            candidates = entries
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(InputSet::hasImageExtension)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UsageException("cannot list input folder " + dir + ": " + e.getMessage());
        }
        var files = new ArrayList<ImageSource>();
        var skipped = new ArrayList<Skipped>();
        for (var path : candidates) {
            notRegularFile(path).ifPresentOrElse(reason -> skipped.add(new Skipped(path.getFileName().toString(), reason)),
                    () -> files.add(new ImageSource.LocalFile(path)));
        }
        if (files.isEmpty()) {
            var leftOut = skipped.isEmpty() ? "" : "; left out: " + skipped.stream()
                    .map(entry -> entry.name() + " (" + entry.reason() + ")").collect(Collectors.joining(", "));
            throw new UsageException("no image files (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                    + ") in input folder: " + dir + leftOut);
        }
        return new InputSet(Kind.FOLDER, dir, files, skipped);
    }

    /**
     * Why {@code path} is not read as an image, or nothing when it is a regular file, or a symbolic
     * link that ends at one. Only file attributes are read: nothing is opened. A regular file that
     * cannot be read (no permission) stays an input: reading it fails, and the run lists it.
     */
    static Optional<String> notRegularFile(Path path) {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // gone since the listing: the run lists it as "file disappeared"
        } catch (IOException e) {
            return Optional.of("its file type cannot be read (" + reason(e) + ")");
        }
        if (own.isRegularFile()) {
            return Optional.empty();
        }
        if (!own.isSymbolicLink()) {
            return Optional.of(fileType(path, own));
        }
        try {
            var target = Files.readAttributes(path, BasicFileAttributes.class);
            return target.isRegularFile() ? Optional.empty() : Optional.of("a symbolic link to " + fileType(path, target));
        } catch (NoSuchFileException e) {
            return Optional.of("a dangling symbolic link (its target does not exist)");
        } catch (IOException e) {
            return Optional.of(loops(path) ? "a symbolic link loop" : "a symbolic link that cannot be followed (" + reason(e) + ")");
        }
    }

    /** "a directory", "a FIFO", "a socket", ...: what a file that is not a regular one is. */
    private static String fileType(Path path, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        try {
            // The unix view (Linux, macOS) tells FIFOs, sockets and devices apart; st_mode's file type bits.
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file";
        }
    }

    /** Whether following {@code path}'s symbolic links comes back to one already passed. */
    private static boolean loops(Path path) {
        var passed = new HashSet<Path>();
        var current = path.toAbsolutePath().normalize();
        try {
            while (Files.isSymbolicLink(current)) {
                if (!passed.add(current)) {
                    return true;
                }
                current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : String.valueOf(e.getMessage());
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
