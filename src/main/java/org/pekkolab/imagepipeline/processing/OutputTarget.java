package org.pekkolab.imagepipeline.processing;

import java.nio.file.Path;
import org.pekkolab.imagepipeline.imageio.OutputFormat;

/** Where processed images are saved ({@code --output}, {@code --format}, {@code --quality}). */
public record OutputTarget(Path dir, OutputFormat format, int quality) {

    /** SPEC §3: the input's stem with the output format's extension. */
    public Path pathFor(String inputName) {
        var dot = inputName.lastIndexOf('.');
        var stem = dot > 0 ? inputName.substring(0, dot) : inputName;
        return dir.resolve(stem + "." + format.extension());
    }
}
