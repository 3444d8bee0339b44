package org.pekkolab.imagepipeline.imageio;

import java.util.Locale;

/** Encodings the pipeline writes (the CLI's {@code --format}). */
public enum OutputFormat {
    PNG("png"),
    JPG("jpg");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** File extension without the dot. */
    public String extension() {
        return extension;
    }

    /** {@code stem + "." + extension}, e.g. {@code photo.png}. */
    public String fileName(String stem) {
        return stem + "." + extension;
    }

    /** Parses a user's value: {@code png}, {@code jpg} or {@code jpeg}, any case. */
    public static OutputFormat parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "jpg", "jpeg" -> JPG;
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (expected png or jpg)");
        };
    }
}
