package org.pekkolab.imagepipeline.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files of an input folder (not recursive), in name order. A file counts as an input
 * by its extension; whether it really is an image is the decoder's business, so a broken
 * {@code .jpg} is an input that fails, while a {@code README.md} beside the images is not an input.
 */
public record InputSet(Path dir, List<Path> files) {

    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

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
                    .toList();
            if (files.isEmpty()) {
                throw new UsageException("no image files (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                        + ") in input folder: " + dir);
            }
            return new InputSet(dir, files);
        } catch (IOException e) {
            throw new UsageException("cannot list input folder " + dir + ": " + e.getMessage());
        }
    }

    private static boolean hasImageExtension(Path path) {
        var name = path.getFileName().toString();
        var dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
