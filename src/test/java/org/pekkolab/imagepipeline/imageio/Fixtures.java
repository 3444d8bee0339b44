package org.pekkolab.imagepipeline.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.pekkolab.imagepipeline.image.RasterImage;

/** Encoded fixtures made on the fly with the JDK's own writers, so the tests ship no binaries. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] write(RenderedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes with a given JPEG param; {@code image} may be a BufferedImage or (for CMYK) a bare Raster. */
    static byte[] writeJpeg(IIOImage image, ImageWriteParam param) {
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JDK's writer (not TwelveMonkeys' wrapper): it is the one documented to write a 4-band Raster as CMYK. */
    static ImageWriter jdkJpegWriter() {
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio")) {
                return writer;
            }
            writer.dispose();
        }
        throw new IllegalStateException("JDK JPEG writer not found");
    }

    /** A smooth RGB test card: gradients are kind to JPEG, so tolerances can stay tight. */
    static BufferedImage smoothRgb(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / Math.max(1, width - 1);
                int g = y * 255 / Math.max(1, height - 1);
                int b = (x + y) * 255 / Math.max(1, width + height - 2);
                image.getRaster().setPixel(x, y, new int[] {r, g, b});
            }
        }
        return image;
    }

    static int maxDifference(BufferedImage expectedRgb, org.pekkolab.imagepipeline.image.RasterImage actual) {
        int max = 0;
        for (int y = 0; y < actual.height(); y++) {
            for (int x = 0; x < actual.width(); x++) {
                int rgb = expectedRgb.getRGB(x, y);
                int[] expected = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int c = 0; c < actual.channels(); c++) {
                    max = Math.max(max, Math.abs(expected[c] - actual.sample(c, x, y)));
                }
            }
        }
        return max;
    }
}
