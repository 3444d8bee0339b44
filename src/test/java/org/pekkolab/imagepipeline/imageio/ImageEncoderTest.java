package org.pekkolab.imagepipeline.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pekkolab.imagepipeline.image.RasterImage;

class ImageEncoderTest {

    private final ImageDecoder decoder = new ImageDecoder();
    private final RasterImage rgb = SyntheticImages.generate(96, 64, 7, 1);

    private static RasterImage grayOf(RasterImage image) {
        return RasterImage.gray(image.width(), image.height(), image.planes()[1].clone());
    }

    @Test
    void pngRoundTripIsExactForRgbAndGray() throws Exception {
        assertEquals(rgb, decoder.decode(ImageEncoder.encodePng(rgb), "rgb.png"));
        RasterImage gray = grayOf(rgb);
        byte[] png = ImageEncoder.encodePng(gray);
        assertEquals(0, png[25], "IHDR colour type 0: an 8-bit gray PNG");
        assertEquals(gray, decoder.decode(png, "gray.png"));
    }

    @Test
    void jpegRoundTripIsCloseAndKeepsChannels() throws Exception {
        RasterImage smooth = ImageDecoder.toRaster(Fixtures.smoothRgb(64, 48));
        RasterImage back = decoder.decode(ImageEncoder.encodeJpeg(smooth, 95), "smooth.jpg");
        assertEquals(3, back.channels());
        assertTrue(Fixtures.maxDifference(Fixtures.smoothRgb(64, 48), back) <= 8);
        assertEquals(1, decoder.decode(ImageEncoder.encodeJpeg(grayOf(rgb), 90), "gray.jpg").channels());
    }

    @Test
    void jpegQualityAffectsSize() {
        int low = ImageEncoder.encodeJpeg(rgb, 20).length;
        int high = ImageEncoder.encodeJpeg(rgb, 95).length;
        assertTrue(low < high, "q20 " + low + " bytes, q95 " + high + " bytes");
        assertThrows(IllegalArgumentException.class, () -> ImageEncoder.encodeJpeg(rgb, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageEncoder.encodeJpeg(rgb, 101));
    }

    @Test
    void writeUsesTheFormat(@TempDir Path dir) throws Exception {
        Path png = dir.resolve(OutputFormat.PNG.fileName("out"));
        ImageEncoder.write(rgb, png, OutputFormat.PNG, 90);
        assertEquals("out.png", png.getFileName().toString());
        assertEquals(new ImageInfo("png", 96, 64), decoder.probe(Files.readAllBytes(png)));

        Path jpg = dir.resolve(OutputFormat.JPG.fileName("out"));
        ImageEncoder.write(rgb, jpg, OutputFormat.JPG, 80);
        assertArrayEquals(ImageEncoder.encodeJpeg(rgb, 80), Files.readAllBytes(jpg));
        assertEquals("jpeg", decoder.probe(Files.readAllBytes(jpg)).format());
    }

    @Test
    void outputFormatParsesUserValues() {
        assertEquals(OutputFormat.PNG, OutputFormat.parse("PNG"));
        assertEquals(OutputFormat.JPG, OutputFormat.parse("jpeg"));
        assertEquals(OutputFormat.JPG, OutputFormat.parse(" jpg "));
        assertEquals("jpg", OutputFormat.JPG.extension());
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("tiff"));
    }
}
