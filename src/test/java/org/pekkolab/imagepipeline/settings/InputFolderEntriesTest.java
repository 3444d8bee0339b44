package org.pekkolab.imagepipeline.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.source.ImageSource;

/** Entries of an input folder that look like images but are not regular files: left out, each named with its reason, never opened. */
class InputFolderEntriesTest {

    private static final Duration NEVER_BLOCKS = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void entriesThatAreNotRegularFilesAreNamedWithTheirReasonAndTheRealImageIsAnInput() throws Exception {
        var image = dir.resolve("real.png");
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        Files.writeString(dir.resolve("README.md"), "not an input");
        Files.createDirectory(dir.resolve("dir.jpg"));
        Files.createSymbolicLink(dir.resolve("loop.jpg"), Path.of("loop2.jpg"));
        Files.createSymbolicLink(dir.resolve("loop2.jpg"), Path.of("loop.jpg"));
        Files.createSymbolicLink(dir.resolve("gone.png"), Path.of("missing.png"));
        Files.createSymbolicLink(dir.resolve("link.png"), Path.of("real.png"));
        boolean fifo = mkfifo(dir.resolve("pipe.jpg"));

        var input = assertTimeoutPreemptively(NEVER_BLOCKS, () -> InputSet.scan(dir));

        assertEquals(List.of("link.png", "real.png"), input.sources().stream().map(ImageSource::name).toList());
        var expected = new LinkedHashMap<String, String>();
        expected.put("dir.jpg", "a directory");
        expected.put("gone.png", "a dangling symbolic link (its target does not exist)");
        expected.put("loop.jpg", "a symbolic link loop");
        expected.put("loop2.jpg", "a symbolic link loop");
        if (fifo) {
            expected.put("pipe.jpg", "a FIFO");
        }
        assertEquals(expected, reasons(input));
        assertEquals("Note: dir.jpg is left out of the input: a directory.", input.notes().get(0));
        assertEquals(expected.size(), input.notes().size());
        if (fifo) {
            assertTrue(input.notes().contains("Note: pipe.jpg is left out of the input: a FIFO."), input.notes().toString());
        }
    }

    @Test
    void aFifoAndASymbolicLinkToADirectoryAreNeverOpened() throws Exception {
        Assumptions.assumeTrue(mkfifo(dir.resolve("pipe.gif")), "mkfifo is not available");
        Files.createSymbolicLink(dir.resolve("to-pipe.jpeg"), Path.of("pipe.gif"));
        Files.createDirectory(dir.resolve("photos"));
        Files.createSymbolicLink(dir.resolve("photos.BMP"), Path.of("photos"));
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("gray.png").toFile());

        var input = assertTimeoutPreemptively(NEVER_BLOCKS, () -> InputSet.scan(dir));

        assertEquals(List.of("gray.png"), input.sources().stream().map(ImageSource::name).toList());
        assertEquals(Map.of("pipe.gif", "a FIFO", "to-pipe.jpeg", "a symbolic link to a FIFO", "photos.BMP", "a symbolic link to a directory"),
                reasons(input));
    }

    @Test
    void aSocketIsLeftOut() throws Exception {
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("one.png").toFile());
        try (var socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                socket.bind(UnixDomainSocketAddress.of(dir.resolve("sock.jpg")));
            } catch (IOException | UnsupportedOperationException e) {
                Assumptions.abort("cannot make a Unix domain socket here: " + e);
            }

            var input = assertTimeoutPreemptively(NEVER_BLOCKS, () -> InputSet.scan(dir));

            assertEquals(List.of("one.png"), input.sources().stream().map(ImageSource::name).toList());
            assertEquals(List.of("Note: sock.jpg is left out of the input: a socket."), input.notes());
        }
    }

    @Test
    void aFolderWithNothingButEntriesLeftOutIsAUsageErrorThatNamesThem() throws IOException {
        Files.createDirectory(dir.resolve("dir.jpg"));
        Files.createSymbolicLink(dir.resolve("gone.png"), Path.of("missing.png"));

        var error = assertTimeoutPreemptively(NEVER_BLOCKS, () -> assertThrows(UsageException.class, () -> InputSet.scan(dir)));

        assertEquals("no image files (bmp, gif, jpeg, jpg, png) in input folder: " + dir
                + "; left out: dir.jpg (a directory), gone.png (a dangling symbolic link (its target does not exist))", error.getMessage());
    }

    @Test
    void aFolderOfRegularImageFilesHasNoNotes() throws IOException {
        Files.writeString(dir.resolve("broken.jpg"), "not really a JPEG: an input that fails when the run decodes it");

        var input = InputSet.scan(dir);

        assertEquals(List.of("broken.jpg"), input.sources().stream().map(ImageSource::name).toList());
        assertEquals(List.of(), input.skipped());
        assertEquals(List.of(), input.notes());
    }

    private static Map<String, String> reasons(InputSet input) {
        var reasons = new LinkedHashMap<String, String>();
        input.skipped().forEach(entry -> reasons.put(entry.name(), entry.reason()));
        return reasons;
    }

    /** Makes a FIFO with mkfifo; false when there is no mkfifo to run. */
    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        }
    }
}
