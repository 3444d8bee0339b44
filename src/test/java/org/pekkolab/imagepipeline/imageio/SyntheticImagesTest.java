package org.pekkolab.imagepipeline.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.image.RasterImage;

class SyntheticImagesTest {

    @Test
    void sameSeedAndIndexGiveTheSameImage() {
        assertEquals(SyntheticImages.generate(120, 80, 42, 3), SyntheticImages.generate(120, 80, 42, 3));
        assertNotEquals(SyntheticImages.generate(120, 80, 42, 3), SyntheticImages.generate(120, 80, 42, 4));
        assertNotEquals(SyntheticImages.generate(120, 80, 42, 3), SyntheticImages.generate(120, 80, 43, 3));
    }

    @Test
    void contentHasRangeAndEdges() {
        RasterImage image = SyntheticImages.generate(200, 150, 1, 1);
        assertEquals(3, image.channels());
        int min = 255;
        int max = 0;
        int strongEdges = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = image.sample(1, x, y);
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (x > 0 && Math.abs(v - image.sample(1, x - 1, y)) > 40) {
                    strongEdges++;
                }
            }
        }
        assertTrue(max - min > 100, "range " + min + ".." + max);
        assertTrue(strongEdges > 20, strongEdges + " strong edges");
    }

    @Test
    void writeAllIsByteIdenticalForTheSameSeed(@TempDir Path dir) throws Exception {
        List<Path> first = SyntheticImages.writeAll(dir.resolve("a"), 3, 64, 48, 99, OutputFormat.JPG, 85);
        List<Path> second = SyntheticImages.writeAll(dir.resolve("b"), 3, 64, 48, 99, OutputFormat.JPG, 85);
        assertEquals(List.of("synthetic-0001.jpg", "synthetic-0002.jpg", "synthetic-0003.jpg"),
                first.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)));
        }
        List<Path> png = SyntheticImages.writeAll(dir.resolve("c"), 1, 64, 48, 99, OutputFormat.PNG, 85);
        assertEquals(SyntheticImages.generate(64, 48, 99, 1),
                new ImageDecoder().decode(Files.readAllBytes(png.get(0)), "synthetic-0001.png"));
    }
}
