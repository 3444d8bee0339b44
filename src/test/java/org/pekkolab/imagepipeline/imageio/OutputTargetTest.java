package org.pekkolab.imagepipeline.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §3's output names, and the inputs that would be saved over each other. */
class OutputTargetTest {

    private final OutputTarget png = new OutputTarget(Path.of("out"), OutputFormat.PNG, 90);

    @Test
    void anOutputIsTheInputStemWithTheFormatsExtension() {
        assertEquals(Path.of("out", "pizza.png"), png.pathFor("pizza.jpg"));
        assertEquals(Path.of("out", "archive.tar.png"), png.pathFor("archive.tar.gz"));
        assertEquals(Path.of("out", "noext.png"), png.pathFor("noext"));
    }

    @Test
    void inputsSharingAStemShareAnOutput() {
        var shared = png.sharedOutputs(List.of("a.jpg", "b.jpg", "a.png", "a.jpg", "c.gif", "c.bmp"));

        assertEquals(Map.of(Path.of("out", "a.png"), List.of("a.jpg", "a.png"), Path.of("out", "c.png"), List.of("c.gif", "c.bmp")), shared);
        assertEquals(Map.of(), png.sharedOutputs(List.of("a.jpg", "b.jpg", "a.jpg")), "a repeated input is not a collision");
    }
}
