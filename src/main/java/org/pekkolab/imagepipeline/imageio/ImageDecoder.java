package org.pekkolab.imagepipeline.imageio;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Decodes JPEG (baseline, progressive, CMYK/YCCK through the TwelveMonkeys plugin), PNG, BMP and GIF
 * (first frame) into 8-bit planes: alpha is dropped (not composited), palettes are expanded to RGB,
 * 16-bit samples become {@code v >> 8} (as OpenCV does) and CMYK becomes RGB. An image stays one gray
 * plane only when its colour model is a non-indexed gray one.
 *
 * <p>Immutable and thread-safe: every call opens its own stream, and readers are kept per thread and reset
 * between images (so a reader's set-up, native state included, is paid once per thread), so one instance can
 * be shared by all workers. The pixel count is checked against {@code maxPixels} from the header, before any
 * pixel buffer exists, so a decompression bomb costs a few bytes of reading.
 *
 * <p>Readers are ImageIO's, in its order, with one exception that measured about 2% faster: a plain JPEG (see
 * {@link #isPlainJpeg}) goes to the JDK's own JPEG reader. TwelveMonkeys' reader, registered first, decodes such
 * files through that same JDK reader after parsing every segment itself, so the pixels are the same and the
 * detour only costs time. Should the JDK reader fail on a file, the file is decoded again the usual way, so
 * failures and their messages are exactly those of ImageIO's first reader.
 */
public final class ImageDecoder {

    /** The CLI's default {@code --max-pixels}. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** The JDK's JPEG reader, when this runtime has it where OpenJDK keeps it. */
    private static final Optional<ImageReaderSpi> JDK_JPEG =
            findReaderSpi("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi");

    /** This thread's readers, one per provider, reset after every image and dropped after a failure. */
    private static final ThreadLocal<Map<ImageReaderSpi, ImageReader>> READERS = ThreadLocal.withInitial(HashMap::new);

    private final long maxPixels;
    private final boolean jdkForPlainJpeg;

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    public ImageDecoder(long maxPixels) {
        this(maxPixels, true);
    }

    /** @param jdkForPlainJpeg false decodes every JPEG with ImageIO's first reader, as tests compare against */
    ImageDecoder(long maxPixels, boolean jdkForPlainJpeg) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.jdkForPlainJpeg = jdkForPlainJpeg;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Reads the format and dimensions from the header only. */
    public ImageInfo probe(byte[] encoded) throws UndecodableImageException {
        try (Session session = open(encoded, "input")) {
            return session.info();
        }
    }

    /**
     * Decodes the first image in {@code encoded}.
     *
     * @param nameForMessages file name for the exception's cause; the reason itself stays name-free
     *                        because the caller lists it next to the file anyway
     */
    public RasterImage decode(byte[] encoded, String nameForMessages) throws UndecodableImageException {
        return decode(encoded, nameForMessages, info -> { });
    }

    /** What happens between reading an image's header and decoding its pixels: room is made for them, or refused. */
    @FunctionalInterface
    public interface BeforePixels {
        void accept(ImageInfo header) throws UndecodableImageException;
    }

    /**
     * Decodes the first image in {@code encoded}, calling {@code beforePixels} with its header once
     * the pixel limit is checked and before the pixels are decoded (again if a second reader takes over).
     */
    public RasterImage decode(byte[] encoded, String nameForMessages, BeforePixels beforePixels) throws UndecodableImageException {
        if (jdkForPlainJpeg && JDK_JPEG.isPresent() && isPlainJpeg(encoded)) {
            try (Session session = open(encoded, nameForMessages, JDK_JPEG.get())) {
                return decode(session, beforePixels);
            } catch (UndecodableImageException e) {
                // fall through: the usual reader decides, and words, what is wrong with the file
            }
        }
        try (Session session = open(encoded, nameForMessages)) {
            return decode(session, beforePixels);
        }
    }

    private RasterImage decode(Session session, BeforePixels beforePixels) throws UndecodableImageException {
        ImageInfo info = session.info();
        if (info.pixelCount() > maxPixels) {
            throw new UndecodableImageException("image is " + info.width() + "x" + info.height() + " = "
                    + info.pixelCount() + " pixels, over --max-pixels " + maxPixels);
        }
        if (info.pixelCount() > Integer.MAX_VALUE - 8) {
            throw new UndecodableImageException("image is " + info.width() + "x" + info.height()
                    + ", too large for one plane");
        }
        if (info.format().startsWith("jp") && session.bytes() < info.pixelCount() / MIN_JPEG_PIXELS_PER_BYTE) {
            throw new UndecodableImageException("truncated image data: " + session.bytes() + " bytes cannot hold "
                    + info.width() + "x" + info.height() + " pixels");
        }
        beforePixels.accept(info);
        BufferedImage decoded = session.read();
        try {
            return toRaster(decoded);
        } catch (RuntimeException e) { // colour management (CMMException, ProfileDataException) on odd ICC data
            throw new UndecodableImageException("unsupported image: " + oneLine(e.toString()), e);
        }
    }

    /**
     * A Huffman-coded JPEG spends at least a bit on every 8x8 block's DC value, even in a progressive
     * file whose later scans skip whole runs of blocks: no JPEG holds more than 512 pixels a byte.
     * Fewer bytes than that is a file cut short (or forged), whose missing pixels the JDK's reader
     * would quietly decode as black.
     */
    private static final long MIN_JPEG_PIXELS_PER_BYTE = 512;

    private static Session open(byte[] encoded, String name) throws UndecodableImageException {
        if (encoded == null || encoded.length == 0) {
            throw new UndecodableImageException("empty file");
        }
        ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
        Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance()
                .getServiceProviders(ImageReaderSpi.class, spi -> canDecode((ImageReaderSpi) spi, stream), true);
        if (!providers.hasNext()) {
            closeQuietly(stream);
            throw new UndecodableImageException("not a decodable image");
        }
        return session(providers.next(), stream, name, encoded.length);
    }

    private static Session open(byte[] encoded, String name, ImageReaderSpi provider) throws UndecodableImageException {
        return session(provider, new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)), name, encoded.length);
    }

    private static Session session(ImageReaderSpi provider, ImageInputStream stream, String name, int bytes)
            throws UndecodableImageException {
        ImageReader reader = READERS.get().remove(provider);
        try {
            if (reader == null) {
                reader = provider.createReaderInstance();
            }
        } catch (IOException e) {
            closeQuietly(stream);
            throw failure(e, name);
        }
        reader.setInput(stream, true, true);
        return new Session(provider, reader, stream, name, bytes);
    }

    /** As ImageIO's own filter: a provider that cannot read the header cannot decode the input. */
    private static boolean canDecode(ImageReaderSpi provider, ImageInputStream stream) {
        try {
            return provider.canDecodeInput(stream);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<ImageReaderSpi> findReaderSpi(String className) {
        Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance()
                .getServiceProviders(ImageReaderSpi.class, spi -> spi.getClass().getName().equals(className), false);
        return providers.hasNext() ? Optional.of(providers.next()) : Optional.empty();
    }

    /**
     * True for a JPEG that the JDK's reader decodes exactly as TwelveMonkeys' does: a baseline, extended or
     * progressive Huffman frame of 8-bit samples with 1 or 3 components that are not tagged R, G, B, and before
     * the frame no Adobe APP14 segment (CMYK, YCCK and the transform flag, where the readers differ) and no ICC
     * profile (TwelveMonkeys converts those to sRGB itself). Only the marker segments before the frame are read.
     */
    static boolean isPlainJpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return false;
        }
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                i++;
                continue;
            }
            int body = i + 4;
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                return body + 14 < b.length && (b[body] & 0xFF) == 8 && plainComponents(b, body + 5);
            }
            if (marker == 0xDA
                    || marker == 0xEE && startsWith(b, body, "Adobe")
                    || marker == 0xE2 && startsWith(b, body, "ICC_PROFILE")) {
                return false;
            }
            i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
        }
        return false;
    }

    /** The component count at {@code at}, then 3 bytes per component starting with its id. */
    private static boolean plainComponents(byte[] b, int at) {
        int count = b[at];
        if (count == 1) {
            return true;
        }
        return count == 3 && !(b[at + 1] == 'R' && b[at + 4] == 'G' && b[at + 7] == 'B');
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * One reader over one stream. Closing closes the stream and gives a reader that went through without error
     * back to this thread's readers, reset; a reader that failed may be in any state and is disposed.
     */
    private static final class Session implements AutoCloseable {
        private final ImageReaderSpi provider;
        private final ImageReader reader;
        private final ImageInputStream stream;
        private final String name;
        private final int bytes;
        private boolean failed;

        Session(ImageReaderSpi provider, ImageReader reader, ImageInputStream stream, String name, int bytes) {
            this.provider = provider;
            this.reader = reader;
            this.stream = stream;
            this.name = name;
            this.bytes = bytes;
        }

        /** The size of the encoded file. */
        int bytes() {
            return bytes;
        }

        ImageInfo info() throws UndecodableImageException {
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                return new ImageInfo(format, reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw failure(e, name);
            }
        }

        BufferedImage read() throws UndecodableImageException {
            TruncationWatch watch = new TruncationWatch();
            reader.addIIOReadWarningListener(watch);
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw failure(e, name);
            }
            if (watch.truncated) {
                failed = true;
                throw new UndecodableImageException("truncated image data");
            }
            return image;
        }

        @Override
        public void close() {
            closeQuietly(stream);
            if (failed) {
                reader.dispose();
                return;
            }
            reader.reset();
            ImageReader previous = READERS.get().put(provider, reader);
            if (previous != null) {
                previous.dispose();
            }
        }
    }

    /**
     * JPEG readers only warn about a file that ends early and pad the rest with gray; for a pipeline that
     * is a broken input, so the warning is remembered and becomes a failure after the read. libjpeg (the
     * JDK reader) says "Premature end of JPEG file", TwelveMonkeys "Truncated File - Missing EOI marker".
     * Other warnings (e.g. extraneous bytes before a marker) are common in sound photos and are ignored.
     */
    private static final class TruncationWatch implements IIOReadWarningListener {
        volatile boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (text.contains("premature end of jpeg file") || text.contains("truncated file")) {
                truncated = true;
            }
        }
    }

    private static UndecodableImageException failure(Exception e, String name) {
        IOException cause = new IOException("decoding " + name + " failed", e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return new UndecodableImageException("truncated image data", cause);
            }
        }
        String detail = oneLine(e.getMessage());
        if (e instanceof IIOException && detail.toLowerCase(Locale.ROOT).contains("unsupported")) {
            return new UndecodableImageException("unsupported image: " + detail, cause);
        }
        return new UndecodableImageException(
                "not a decodable image (" + (detail.isEmpty() ? e.getClass().getSimpleName() : detail) + ")", cause);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }

    private static void closeQuietly(ImageInputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // a memory-backed stream has nothing to flush; nothing useful to report
        }
    }

    // ---- BufferedImage -> planes -------------------------------------------------------------------

    /** Converts a decoded image to planes; public so tools and tests can reuse the exact same rules. */
    public static RasterImage toRaster(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        if (cm instanceof IndexColorModel icm) {
            return fromIndexed(image.getRaster(), icm);
        }
        boolean gray = cs.getType() == ColorSpace.TYPE_GRAY;
        if (!gray && !cs.isCS_sRGB()) {
            // CMYK rasters, ICC-tagged RGB and the like: let the colour engine do sRGB once, in bulk.
            return toRaster(toSrgb(image));
        }
        if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()) {
            Raster raster = image.getRaster();
            int bands = gray ? 1 : 3;
            if (raster.getDataBuffer() instanceof DataBufferByte
                    && raster.getSampleModel() instanceof ComponentSampleModel
                    && allSampleSizes(cm, 8)) {
                return fromInterleavedBytes(raster, bands);
            }
            return fromComponents(raster, cm, bands);
        }
        return fromPackedRgb(image);
    }

    private static boolean allSampleSizes(ColorModel cm, int bits) {
        for (int size : cm.getComponentSize()) {
            if (size != bits) {
                return false;
            }
        }
        return true;
    }

    /** Fast path (TYPE_3BYTE_BGR, TYPE_BYTE_GRAY, PNG's 8-bit layouts): straight from the byte array. */
    private static RasterImage fromInterleavedBytes(Raster raster, int bands) {
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
        int width = raster.getWidth();
        int height = raster.getHeight();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int[] bankIndices = sm.getBankIndices();
        int[] bandOffsets = sm.getBandOffsets();
        int[] bankOffsets = buffer.getOffsets();
        // raster (minX, minY) is sample-model (minX - translateX, minY - translateY): matters for child rasters
        int origin = (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                + (raster.getMinX() - raster.getSampleModelTranslateX()) * pixelStride;
        byte[][] planes = new byte[bands][width * height];
        if (bands == 3 && pixelStride == 3 && bankIndices[0] == bankIndices[1] && bankIndices[1] == bankIndices[2]
                && isPermutationOfThree(bandOffsets)) {
            int base = origin + bankOffsets[bankIndices[0]];
            splitThree(buffer.getData(bankIndices[0]), base, scanline, bandOffsets, planes, width, height);
            return new RasterImage(width, height, planes);
        }
        for (int b = 0; b < bands; b++) {
            byte[] src = buffer.getData(bankIndices[b]);
            byte[] dst = planes[b];
            int base = origin + bankOffsets[bankIndices[b]] + bandOffsets[b];
            if (pixelStride == 1) {
                for (int y = 0; y < height; y++) {
                    System.arraycopy(src, base + y * scanline, dst, y * width, width);
                }
            } else {
                int i = 0;
                for (int y = 0; y < height; y++) {
                    int p = base + y * scanline;
                    for (int x = 0; x < width; x++, p += pixelStride) {
                        dst[i++] = src[p];
                    }
                }
            }
        }
        return new RasterImage(width, height, planes);
    }

    private static boolean isPermutationOfThree(int[] offsets) {
        int seen = 0;
        for (int k = 0; k < 3; k++) {
            if (offsets[k] < 0 || offsets[k] > 2) {
                return false;
            }
            seen |= 1 << offsets[k];
        }
        return seen == 0b111;
    }

    /**
     * Every JPEG and most PNGs: 3 samples per pixel in one array (TYPE_3BYTE_BGR and the like), band offsets a
     * permutation of 0, 1, 2. Each line is copied to a small buffer and split from there in one pass into the
     * planes in memory order: indexing that buffer by {@code 3 x} plus a constant lets the JIT drop the bounds
     * checks that a pass per plane striding through the whole raster kept (measured 1.7x faster on a 512x512
     * photo, where the per-plane split took a fifth of the decode).
     */
    private static void splitThree(byte[] src, int base, int scanline, int[] bandOffsets, byte[][] planes,
                                   int width, int height) {
        byte[][] byOffset = new byte[3][];
        for (int band = 0; band < 3; band++) {
            byOffset[bandOffsets[band]] = planes[band];
        }
        byte[] first = byOffset[0];
        byte[] second = byOffset[1];
        byte[] third = byOffset[2];
        byte[] line = new byte[3 * width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(src, base + y * scanline, line, 0, line.length);
            int row = y * width;
            for (int x = 0; x < width; x++) {
                first[row + x] = line[3 * x];
                second[row + x] = line[3 * x + 1];
                third[row + x] = line[3 * x + 2];
            }
        }
    }

    /** Any other component layout (16-bit PNG, ushort gray): samples by rows, scaled to 8 bits. */
    private static RasterImage fromComponents(Raster raster, ColorModel cm, int bands) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int minX = raster.getMinX();
        int minY = raster.getMinY();
        byte[][] planes = new byte[bands][width * height];
        int[] row = new int[width];
        for (int b = 0; b < bands; b++) {
            int bits = cm.getComponentSize(b);
            byte[] dst = planes[b];
            for (int y = 0; y < height; y++) {
                raster.getSamples(minX, minY + y, width, 1, b, row);
                int offset = y * width;
                for (int x = 0; x < width; x++) {
                    dst[offset + x] = (byte) to8Bits(row[x], bits);
                }
            }
        }
        return new RasterImage(width, height, planes);
    }

    private static int to8Bits(int value, int bits) {
        if (bits > 8) {
            return value >>> (bits - 8);
        }
        if (bits == 8) {
            return value;
        }
        int max = (1 << bits) - 1;
        return (value * 255 + max / 2) / max;
    }

    /** Palette images (GIF, 8-bit BMP, palette PNG, also 1/2/4-bit gray PNG): indices by rows, then lookup. */
    private static RasterImage fromIndexed(Raster raster, IndexColorModel icm) {
        int size = icm.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        icm.getReds(reds);
        icm.getGreens(greens);
        icm.getBlues(blues);
        int width = raster.getWidth();
        int height = raster.getHeight();
        byte[] r = new byte[width * height];
        byte[] g = new byte[width * height];
        byte[] bl = new byte[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
            int offset = y * width;
            for (int x = 0; x < width; x++) {
                int index = row[x] < size ? row[x] : 0;
                r[offset + x] = reds[index];
                g[offset + x] = greens[index];
                bl[offset + x] = blues[index];
            }
        }
        return RasterImage.rgb(width, height, r, g, bl);
    }

    /** Packed and other sRGB layouts (e.g. 16-bit BMP): getRGB one row at a time into a reused buffer. */
    private static RasterImage fromPackedRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] r = new byte[width * height];
        byte[] g = new byte[width * height];
        byte[] b = new byte[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int offset = y * width;
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                r[offset + x] = (byte) (argb >> 16);
                g[offset + x] = (byte) (argb >> 8);
                b[offset + x] = (byte) argb;
            }
        }
        return RasterImage.rgb(width, height, r, g, b);
    }

    private static BufferedImage toSrgb(BufferedImage image) {
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
    }
}
