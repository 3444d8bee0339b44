package org.pekkolab.imagepipeline.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Writes {@link RasterImage}s as PNG or JPEG: gray as 8-bit gray, colour as 8-bit RGB. Stateless and
 * thread-safe (a fresh writer per call); encoding happens in memory so no ImageIO cache file is touched.
 */
public final class ImageEncoder {

    /** The CLI's default {@code --quality}. */
    public static final int DEFAULT_JPEG_QUALITY = 90;

    private ImageEncoder() {
    }

    public static byte[] encodePng(RasterImage image) {
        return encode(toBufferedImage(image), "png", null);
    }

    /** @param quality 1..100, as the CLI's {@code --quality} */
    public static byte[] encodeJpeg(RasterImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        return encode(toBufferedImage(image), "jpeg", param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
        });
    }

    /** @param quality JPEG quality 1..100, ignored for PNG */
    public static byte[] encode(RasterImage image, OutputFormat format, int quality) {
        return switch (format) {
            case PNG -> encodePng(image);
            case JPG -> encodeJpeg(image, quality);
        };
    }

    /** Encodes and writes {@code file}, replacing it if present. */
    public static void write(RasterImage image, Path file, OutputFormat format, int quality) throws IOException {
        Files.write(file, encode(image, format, quality));
    }

    /** Interleaves the planes into a TYPE_BYTE_GRAY or TYPE_3BYTE_BGR image (a copy, not a view). */
    public static BufferedImage toBufferedImage(RasterImage image) {
        int width = image.width();
        int height = image.height();
        if (image.isGray()) {
            BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
            System.arraycopy(image.planes()[0], 0, dst, 0, width * height);
            return gray;
        }
        BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] r = image.planes()[0];
        byte[] g = image.planes()[1];
        byte[] b = image.planes()[2];
        for (int i = 0, p = 0; i < r.length; i++, p += 3) {
            dst[p] = b[i];
            dst[p + 1] = g[i];
            dst[p + 2] = r[i];
        }
        return bgr;
    }

    private static byte[] encode(BufferedImage image, String format, Consumer<ImageWriteParam> setup) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (setup != null) {
                setup.accept(param);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            // only memory is written: an IOException here is a writer bug, not an environment problem
            throw new UncheckedIOException("encoding " + format + " failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
