package org.pekkolab.imagepipeline.imageio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where processed images are saved ({@code --output}, {@code --format}, {@code --quality}). */
public record OutputTarget(Path dir, OutputFormat format, int quality) {

    /** The input's stem with the output format's extension. */
    public Path pathFor(String inputName) {
        return dir.resolve(stem(inputName) + "." + format.extension());
    }

    /** A name without its extension ("pizza" for pizza.jpg); a leading dot starts no extension. */
    public static String stem(String name) {
        var dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The output files that several of {@code inputNames} would be saved as (pizza.jpg and pizza.png
     * both become pizza.png), each with those names in input order: the one saved last overwrites
     * the others.
     */
    public Map<Path, List<String>> sharedOutputs(List<String> inputNames) {
        var byOutput = new LinkedHashMap<Path, List<String>>();
        for (var name : inputNames.stream().distinct().toList()) {
            byOutput.computeIfAbsent(pathFor(name), path -> new ArrayList<>()).add(name);
        }
        byOutput.values().removeIf(names -> names.size() < 2);
        return byOutput;
    }
}
