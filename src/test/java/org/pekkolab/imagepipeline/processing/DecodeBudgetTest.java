package org.pekkolab.imagepipeline.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.ImageInfo;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;

/** Decompression bombs: files whose header claims far more pixels than the heap can hold at once. */
class DecodeBudgetTest {

    private static final long MB = 1 << 20;

    private static ImageProcessor processor(DecodeBudget budget) {
        return new ImageProcessor(new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS), FilterChain.defaults(), Optional.empty(), budget);
    }

    @Test
    void anImageThatCouldNeverFitFailsWithTheReasonAtOnce() {
        var photo = ImageEncoder.encodeJpeg(SyntheticImages.generate(512, 384, 3, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);

        var failure = assertThrows(UndecodableImageException.class,
                () -> processor(new DecodeBudget(MB)).process("photo.jpg", photo, "worker-1", "local"));

        assertTrue(failure.getMessage().startsWith("image is 512x384: decoding and filtering it takes about 2 MB, more than the 1 MB"),
                failure.getMessage());
    }

    @Test
    void aFileFarTooSmallForItsPixelsFailsAsTruncatedAndGivesTheRoomBack() {
        var budget = new DecodeBudget(2048 * MB);

        var failure = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(UndecodableImageException.class, () -> processor(budget).process("bomb.jpg", Bombs.jpeg(), "worker-1", "local")));

        assertTrue(failure.getMessage().startsWith("truncated image data: "), failure.getMessage());
        assertEquals(2048 * MB, budget.availableBytes(), "the reservation is released");
    }

    @Test
    void anImageWaitsForRoomInsteadOfRunningTheHeapOut() throws Exception {
        var budget = new DecodeBudget(10 * MB);
        var header = new ImageInfo("jpeg", 1000, 500);  // 6 MB at 12 bytes a pixel

        try (var first = budget.reserve(header)) {
            var second = CompletableFuture.supplyAsync(() -> {
                try {
                    return budget.reserve(header);
                } catch (UndecodableImageException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(second.isDone(), "no room for a second image while the first holds 6 of 10 MB");
            first.close();
            second.get(5, TimeUnit.SECONDS).close();
        }
        assertEquals(10 * MB, budget.availableBytes());
    }
}
