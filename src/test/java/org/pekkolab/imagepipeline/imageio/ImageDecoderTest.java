package org.pekkolab.imagepipeline.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pekkolab.imagepipeline.image.RasterImage;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private RasterImage decode(byte[] bytes) throws UndecodableImageException {
        return decoder.decode(bytes, "fixture");
    }

    private static String reason(ImageDecoder decoder, byte[] bytes) {
        return assertThrows(UndecodableImageException.class, () -> decoder.decode(bytes, "fixture")).getMessage();
    }

    // ---- lossless formats: exact values -------------------------------------------------------------

    @Test
    void grayPngStaysOnePlane() throws Exception {
        BufferedImage gray = new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 37 + y * 11) & 0xFF);
            }
        }
        RasterImage image = decode(Fixtures.write(gray, "png"));
        assertEquals(1, image.channels());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals((x * 37 + y * 11) & 0xFF, image.sample(0, x, y));
            }
        }
    }

    @Test
    void rgbPngIsExact() throws Exception {
        BufferedImage rgb = Fixtures.smoothRgb(13, 9);
        RasterImage image = decode(Fixtures.write(rgb, "png"));
        assertEquals(3, image.channels());
        assertEquals(0, Fixtures.maxDifference(rgb, image));
    }

    @Test
    void rgbaPngDropsAlphaWithoutCompositing() throws Exception {
        BufferedImage argb = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        int[] colors = {0x00FF0000, 0x8000FF00, 0xFF0000FF, 0x10C0A080};
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                argb.setRGB(x, y, colors[(x + y) % 4]);
            }
        }
        RasterImage image = decode(Fixtures.write(argb, "png"));
        assertEquals(3, image.channels());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int c = colors[(x + y) % 4];
                assertArrayEquals(new int[] {(c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF}, pixel(image, x, y));
            }
        }
    }

    @Test
    void grayAlphaPngStaysGray() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 2);
        for (int i = 0; i < 6; i++) {
            raster.setPixel(i % 3, i / 3, new int[] {40 * i + 5, 255 - 40 * i});
        }
        RasterImage image = decode(Fixtures.write(new BufferedImage(cm, raster, false, null), "png"));
        assertEquals(1, image.channels());
        for (int i = 0; i < 6; i++) {
            assertEquals(40 * i + 5, image.sample(0, i % 3, i / 3));
        }
    }

    @Test
    void palettePngIsExpandedToRgb() throws Exception {
        BufferedImage indexed = paletteImage();
        RasterImage image = decode(Fixtures.write(indexed, "png"));
        assertEquals(3, image.channels());
        assertEquals(0, Fixtures.maxDifference(indexed, image));
    }

    @Test
    void grayPaletteIsStillRgbBecauseTheModelIsIndexed() throws Exception {
        // GIF, because the JDK PNG writer turns a gray-ramp palette into a true gray PNG
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        BufferedImage indexed = new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        indexed.getRaster().setSample(2, 3, 0, 200);
        RasterImage image = decode(Fixtures.write(indexed, "gif"));
        assertEquals(3, image.channels());
        assertArrayEquals(new int[] {200, 200, 200}, pixel(image, 2, 3));
        assertArrayEquals(new int[] {0, 0, 0}, pixel(image, 0, 0));
    }

    @Test
    void sixteenBitGrayPngIsShiftedDown() throws Exception {
        BufferedImage gray16 = new BufferedImage(6, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < 24; i++) {
            gray16.getRaster().setSample(i % 6, i / 6, 0, i * 2731 + 255);
        }
        RasterImage image = decode(Fixtures.write(gray16, "png"));
        assertEquals(1, image.channels());
        for (int i = 0; i < 24; i++) {
            assertEquals((i * 2731 + 255) >> 8, image.sample(0, i % 6, i / 6));
        }
    }

    @Test
    void sixteenBitRgbPngIsShiftedDown() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, 5, 3, 3, null);
        for (int i = 0; i < 15; i++) {
            raster.setPixel(i % 5, i / 5, new int[] {i * 4369, 65535 - i * 4000, (i * 7919) & 0xFFFF});
        }
        byte[] png = Fixtures.write(new BufferedImage(cm, raster, false, null), "png");
        assertEquals(16, png[24], "fixture must really be a 16-bit PNG (IHDR bit depth)");
        RasterImage image = decode(png);
        assertEquals(3, image.channels());
        for (int i = 0; i < 15; i++) {
            assertArrayEquals(new int[] {(i * 4369) >> 8, (65535 - i * 4000) >> 8, ((i * 7919) & 0xFFFF) >> 8},
                    pixel(image, i % 5, i / 5));
        }
    }

    @Test
    void bmp24IsExact() throws Exception {
        BufferedImage rgb = Fixtures.smoothRgb(11, 7); // odd width: BMP rows are padded to 4 bytes
        RasterImage image = decode(Fixtures.write(rgb, "bmp"));
        assertEquals(0, Fixtures.maxDifference(rgb, image));
    }

    @Test
    void bmp8BitPaletteIsExpandedToRgb() throws Exception {
        BufferedImage indexed = paletteImage();
        RasterImage image = decode(Fixtures.write(indexed, "bmp"));
        assertEquals(3, image.channels());
        assertEquals(0, Fixtures.maxDifference(indexed, image));
    }

    @Test
    void gifDecodesOnlyTheFirstFrame() throws Exception {
        BufferedImage first = paletteImage();
        BufferedImage second = new BufferedImage(first.getWidth(), first.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
                (IndexColorModel) first.getColorModel());
        byte[] gif = animatedGif(first, second);
        RasterImage image = decode(gif);
        assertEquals(3, image.channels());
        assertEquals(0, Fixtures.maxDifference(first, image));
    }

    // ---- JPEG: within a tolerance --------------------------------------------------------------------

    @Test
    void baselineJpegIsClose() throws Exception {
        BufferedImage rgb = Fixtures.smoothRgb(64, 48);
        RasterImage image = decode(Fixtures.write(rgb, "jpeg"));
        assertEquals(3, image.channels());
        assertTrue(Fixtures.maxDifference(rgb, image) <= 12, "max diff " + Fixtures.maxDifference(rgb, image));
    }

    @Test
    void grayJpegIsOnePlane() throws Exception {
        BufferedImage gray = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 16; y++) {
                gray.getRaster().setSample(x, y, 0, x * 8);
            }
        }
        RasterImage image = decode(Fixtures.write(gray, "jpeg"));
        assertEquals(1, image.channels());
        assertTrue(Math.abs(image.sample(0, 20, 8) - 160) <= 6, "got " + image.sample(0, 20, 8));
    }

    @Test
    void progressiveJpegIsClose() throws Exception {
        BufferedImage rgb = Fixtures.smoothRgb(80, 60);
        ImageWriter writer = Fixtures.jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        writer.dispose();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        byte[] jpeg = Fixtures.writeJpeg(new IIOImage(rgb, null, null), param);
        assertTrue(containsMarker(jpeg, 0xC2), "fixture must be progressive (SOF2)");
        RasterImage image = decode(jpeg);
        assertTrue(Fixtures.maxDifference(rgb, image) <= 12, "max diff " + Fixtures.maxDifference(rgb, image));
    }

    @ParameterizedTest(name = "Adobe transform {0}")
    @ValueSource(ints = {0, 2})
    void cmykAndYcckJpegsBecomePlausibleRgb(int adobeTransform) throws Exception {
        int[][] inks = {{0, 0, 0, 0}, {255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}};
        RasterImage image = decode(adobeJpeg(inks, adobeTransform));
        assertEquals(3, image.channels());
        int[] paper = pixel(image, 8, 8);
        int[] cyan = pixel(image, 24, 8);
        int[] magenta = pixel(image, 40, 8);
        int[] yellow = pixel(image, 56, 8);
        int[] black = pixel(image, 72, 8);
        assertTrue(paper[0] > 200 && paper[1] > 200 && paper[2] > 200, "paper " + Arrays.toString(paper));
        assertTrue(cyan[0] < 100 && cyan[1] > 100 && cyan[2] > 150, "cyan " + Arrays.toString(cyan));
        assertTrue(magenta[1] < 100 && magenta[0] > 150 && magenta[2] > 50, "magenta " + Arrays.toString(magenta));
        assertTrue(yellow[2] < 100 && yellow[0] > 200 && yellow[1] > 200, "yellow " + Arrays.toString(yellow));
        assertTrue(black[0] < 80 && black[1] < 80 && black[2] < 80, "black " + Arrays.toString(black));
    }

    // ---- JDK reader for plain JPEGs ----------------------------------------------------------------

    @Test
    void plainJpegsDecodeAsImageIosFirstReaderDoes() throws Exception {
        BufferedImage gray = new BufferedImage(33, 17, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 33; x++) {
            for (int y = 0; y < 17; y++) {
                gray.getRaster().setSample(x, y, 0, (x * 7 + y * 13) & 0xFF);
            }
        }
        ImageWriter writer = Fixtures.jdkJpegWriter();
        ImageWriteParam progressive = writer.getDefaultWriteParam();
        writer.dispose();
        progressive.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        var firstReader = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, false);
        for (byte[] jpeg : List.of(
                Fixtures.write(Fixtures.smoothRgb(67, 45), "jpeg"),
                Fixtures.write(gray, "jpeg"),
                Fixtures.writeJpeg(new IIOImage(Fixtures.smoothRgb(80, 60), null, null), progressive),
                ImageEncoder.encodeJpeg(SyntheticImages.generate(96, 64, 3, 1), 90))) {
            assertTrue(ImageDecoder.isPlainJpeg(jpeg));
            assertEquals(firstReader.decode(jpeg, "fixture"), decode(jpeg));
        }
    }

    @ParameterizedTest(name = "Adobe transform {0}")
    @ValueSource(ints = {0, 2})
    void cmykAndYcckJpegsAreNotPlain(int adobeTransform) throws Exception {
        assertFalse(ImageDecoder.isPlainJpeg(adobeJpeg(new int[][] {{0, 0, 0, 0}}, adobeTransform)));
        assertFalse(ImageDecoder.isPlainJpeg(Fixtures.write(Fixtures.smoothRgb(8, 8), "png")));
    }

    @Test
    void readersAreReusedAcrossImagesAndFailures() throws Exception {
        byte[] jpeg = Fixtures.write(Fixtures.smoothRgb(200, 150), "jpeg");
        RasterImage first = decode(jpeg);
        assertEquals("truncated image data", reason(decoder, Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertEquals(first, decode(jpeg));
    }

    // ---- conversion details --------------------------------------------------------------------------

    @Test
    void subimageRespectsStrideAndOffsets() {
        BufferedImage whole = Fixtures.smoothRgb(20, 10);
        BufferedImage part = whole.getSubimage(3, 2, 9, 5);
        RasterImage image = ImageDecoder.toRaster(part);
        assertEquals(9, image.width());
        assertEquals(0, Fixtures.maxDifference(part, image));
    }

    @Test
    void probeReadsHeaderOnly() throws Exception {
        assertEquals(new ImageInfo("png", 13, 9), decoder.probe(Fixtures.write(Fixtures.smoothRgb(13, 9), "png")));
        assertEquals(new ImageInfo("jpeg", 31, 17), decoder.probe(Fixtures.write(Fixtures.smoothRgb(31, 17), "jpeg")));
        assertEquals(new ImageInfo("bmp", 5, 4), decoder.probe(Fixtures.write(Fixtures.smoothRgb(5, 4), "bmp")));
        assertEquals(new ImageInfo("gif", 8, 6), decoder.probe(Fixtures.write(paletteImage(), "gif")));
        assertEquals(new ImageInfo("png", 60000, 60000), decoder.probe(pngHeaderOnly(60000, 60000)));
    }

    // ---- bad input -----------------------------------------------------------------------------------

    @Test
    void emptyBytes() {
        assertEquals("empty file", reason(decoder, new byte[0]));
    }

    @Test
    void textIsNotAnImage() {
        assertEquals("not a decodable image",
                reason(decoder, "just some words, not pixels\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void truncatedJpegFailsInsteadOfComingBackGray() {
        byte[] jpeg = Fixtures.write(Fixtures.smoothRgb(200, 150), "jpeg");
        assertEquals("truncated image data", reason(decoder, Arrays.copyOf(jpeg, jpeg.length / 2)));
    }

    @Test
    void truncatedPngFails() {
        byte[] png = Fixtures.write(Fixtures.smoothRgb(200, 150), "png");
        assertEquals("truncated image data", reason(decoder, Arrays.copyOf(png, png.length / 2)));
    }

    @Test
    void hugeDimensionsAreRejectedFromTheHeaderBeforeDecoding() {
        byte[] bomb = pngHeaderOnly(60000, 60000);
        String message = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> reason(decoder, bomb));
        assertEquals("image is 60000x60000 = 3600000000 pixels, over --max-pixels 100000000", message);
    }

    @Test
    void maxPixelsIsInclusive() throws Exception {
        byte[] png = Fixtures.write(Fixtures.smoothRgb(20, 10), "png");
        assertEquals(200, new ImageDecoder(200).decode(png, "fixture").pixelCount());
        assertEquals("image is 20x10 = 200 pixels, over --max-pixels 199", reason(new ImageDecoder(199), png));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static int[] pixel(RasterImage image, int x, int y) {
        int[] values = new int[image.channels()];
        for (int c = 0; c < values.length; c++) {
            values[c] = image.sample(c, x, y);
        }
        return values;
    }

    /**
     * 8x6 using 4 colours of a full 256-entry palette, one of them gray. Full size because the JDK BMP
     * writer picks its bit depth from the palette size and writes short palettes wrongly.
     */
    private static BufferedImage paletteImage() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        int[] colors = {0xFF0000, 0x00C800, 0x0000FF, 0x808080};
        for (int i = 0; i < colors.length; i++) {
            r[i] = (byte) (colors[i] >> 16);
            g[i] = (byte) (colors[i] >> 8);
            b[i] = (byte) colors[i];
        }
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                image.getRaster().setSample(x, y, 0, (x / 2 + y) % 4);
            }
        }
        return image;
    }

    private static byte[] animatedGif(BufferedImage... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Signature, a hand-made IHDR with a correct CRC, and IEND: all a reader needs to report dimensions. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
        chunk(png, ihdr.array());
        chunk(png, "IEND".getBytes(StandardCharsets.US_ASCII));
        return png.array();
    }

    private static void chunk(ByteBuffer png, byte[] typeAndData) {
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        png.putInt(typeAndData.length - 4).put(typeAndData).putInt((int) crc.getValue());
    }

    /**
     * An Adobe-style 4-channel JPEG, one 16x16 patch per ink set. The JDK writer stores a 4-band Raster
     * as is, without colour transform or APP14; an APP14 "Adobe" segment is spliced in after SOI, as
     * Photoshop writes it, so readers treat the data as Adobe CMYK (transform 0) or YCCK (transform 2).
     * Adobe stores CMYK inverted (255 = no ink); for YCCK the CMY inks go through the RGB->YCbCr formulas.
     */
    private static byte[] adobeJpeg(int[][] inks, int transform) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16 * inks.length, 16, 4, null);
        for (int patch = 0; patch < inks.length; patch++) {
            int[] ink = inks[patch];
            int[] stored = transform == 2
                    ? new int[] {
                        (int) Math.round(0.299 * ink[0] + 0.587 * ink[1] + 0.114 * ink[2]),
                        (int) Math.round(128 - 0.168736 * ink[0] - 0.331264 * ink[1] + 0.5 * ink[2]),
                        (int) Math.round(128 + 0.5 * ink[0] - 0.418688 * ink[1] - 0.081312 * ink[2]),
                        255 - ink[3]}
                    : Arrays.stream(ink).map(v -> 255 - v).toArray();
            for (int y = 0; y < 16; y++) {
                for (int x = patch * 16; x < patch * 16 + 16; x++) {
                    raster.setPixel(x, y, Arrays.stream(stored).map(v -> Math.max(0, Math.min(255, v))).toArray());
                }
            }
        }
        ImageWriter writer = Fixtures.jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        writer.dispose();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        byte[] plain = Fixtures.writeJpeg(new IIOImage(raster, null, null), param);
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] jpeg = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, jpeg, 0, 2);
        System.arraycopy(app14, 0, jpeg, 2, app14.length);
        System.arraycopy(plain, 2, jpeg, 2 + app14.length, plain.length - 2);
        return jpeg;
    }

    private static boolean containsMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }
}
