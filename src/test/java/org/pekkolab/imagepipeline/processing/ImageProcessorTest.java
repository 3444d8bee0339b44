package org.pekkolab.imagepipeline.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;
import org.pekkolab.imagepipeline.imageio.UndecodableImageException;

class ImageProcessorTest {

    private final ImageProcessor processor = new ImageProcessor(new ImageDecoder(), FilterChain.defaults(), Optional.empty());

    @Test
    void countsThePixelsAndTheHeapAllocatedForAnImage() throws UndecodableImageException {
        byte[] jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(512, 384, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);
        // The first images also pay for class loading and the JIT: until C2 has compiled the SIMD kernels, each
        // vector operation allocates its result. So this looks for the steady state within a few hundred images.
        var timing = processor.process("a.jpg", jpeg, "worker-1", "node");
        for (int i = 0; i < 400 && timing.bytesPerPixel() > 24; i++) {
            timing = processor.process("a.jpg", jpeg, "worker-1", "node");
        }

        assertEquals(512L * 384, timing.pixels());
        assertTrue(timing.allocationKnown(), "HotSpot counts allocation per thread");
        // At least the three decoded planes and one new plane per filter after grayscale (3 + 5 x 1 bytes).
        assertTrue(timing.bytesPerPixel() >= 8, "allocated " + timing.bytesPerPixel() + " bytes per pixel");
        // A small multiple of the pixel count: nothing allocated per pixel, no copy beyond the decoder's image.
        assertTrue(timing.bytesPerPixel() <= 24, "allocated " + timing.bytesPerPixel() + " bytes per pixel");
    }

    @Test
    void notesTheThreadsCpuClockAtTheStartAndEndOfAnImage() throws UndecodableImageException {
        byte[] jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(256, 192, 7, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);

        var first = processor.process("a.jpg", jpeg, "worker-1", "node");
        var second = processor.process("b.jpg", jpeg, "worker-1", "node");

        assertTrue(first.cpuKnown() && second.cpuKnown(), "HotSpot measures thread CPU time");
        assertTrue(first.cpuAtEndNanos() > first.cpuAtStartNanos(), "decoding and filtering take CPU");
        assertTrue(second.cpuAtStartNanos() >= first.cpuAtEndNanos(), "the clock only moves on");
    }
}
