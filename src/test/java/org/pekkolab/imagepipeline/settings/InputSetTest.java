package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.source.ImageSource;

/** URL lists: what counts as a URL, what an image is called, what is a usage error. */
class InputSetTest {

    @TempDir
    Path dir;

    @Test
    void urlListSkipsBlankLinesAndCommentsAndNamesImagesAfterTheirPath() throws IOException {
        var list = Files.writeString(dir.resolve("urls.txt"), """
                # food pictures
                https://example.org/photos/pizza.jpg

                  http://example.org:8080/a/b/soup.png?size=large \r
                http://example.org/
                HTTPS://images.example.net
                """);

        var input = InputSet.urlList(list);

        assertEquals(InputSet.Kind.URL_LIST, input.kind());
        assertEquals(list, input.location());
        assertEquals(List.of("pizza.jpg", "soup.png", "example.org-3", "images.example.net-4"),
                input.sources().stream().map(ImageSource::name).toList());
        assertEquals(URI.create("http://example.org:8080/a/b/soup.png?size=large"), ((ImageSource.WebImage) input.sources().get(1)).uri());
    }

    @Test
    void urlsEndingInTheSameStemGetNumberedNamesSoThatOutputsDoNotCollide() throws IOException {
        var list = Files.writeString(dir.resolve("same-names.txt"), """
                https://a.example.org/pizza.jpg
                https://b.example.org/pizza.jpg
                https://c.example.org/pizza.png
                https://d.example.org/pizza-2.jpg
                """);

        var names = InputSet.urlList(list).sources().stream().map(ImageSource::name).toList();

        assertEquals(List.of("pizza.jpg", "pizza-2.jpg", "pizza-3.png", "pizza-2-2.jpg"), names);
    }

    @Test
    void badUrlListsAreUsageErrorsSayingWhy() throws IOException {
        var missing = assertThrows(UsageException.class, () -> InputSet.urlList(dir.resolve("none.txt")));
        assertTrue(missing.getMessage().startsWith("--source: URL list not found"), missing.getMessage());

        var empty = Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n\n");
        assertTrue(assertThrows(UsageException.class, () -> InputSet.urlList(empty)).getMessage().startsWith("--source: no URLs in"));

        for (var line : List.of("ftp://example.org/a.png", "/local/file.png", "http://", "not a url")) {
            var list = Files.writeString(dir.resolve("bad.txt"), "https://example.org/ok.png\n" + line + "\n");
            var error = assertThrows(UsageException.class, () -> InputSet.urlList(list));
            assertEquals("--source: line 2 of " + list + " is not an http or https URL: " + line, error.getMessage());
        }
    }
}
