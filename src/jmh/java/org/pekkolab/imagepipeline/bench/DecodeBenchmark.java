package org.pekkolab.imagepipeline.bench;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pekkolab.imagepipeline.image.RasterImage;
import org.pekkolab.imagepipeline.imageio.ImageDecoder;
import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/**
 * JPEG decoding to planes, one image per operation, one thread, by each way the JVM offers:
 * <ul>
 *   <li>{@code decoder}: {@link ImageDecoder#decode}, what the pipeline ships;</li>
 *   <li>{@code tm-new} / {@code jdk-new}: the TwelveMonkeys or the JDK reader, a new one per image, over a
 *       {@link MemoryCacheImageInputStream} (the original decoder's way);</li>
 *   <li>{@code tm-reused} / {@code jdk-reused}: the same reader kept for every image of the thread;</li>
 *   <li>{@code jdk-reused-array}: a kept JDK reader over a stream reading the byte array in place;</li>
 *   <li>{@code imageio-read} / {@code imageio-read-nocache}: {@link ImageIO#read(java.io.InputStream)}, with
 *       ImageIO's default disk cache and with {@code ImageIO.setUseCache(false)}.</li>
 * </ul>
 * {@code jpegs} is {@code synthetic} (a 512x512 generated image, quality 90) or a directory of JPEGs that are
 * decoded in turn ({@code -p jpegs=DIR}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class DecodeBenchmark {

    @Param({"synthetic"})
    public String jpegs;

    @Param({"decoder", "tm-new", "jdk-new", "tm-reused", "jdk-reused", "jdk-reused-array", "imageio-read",
            "imageio-read-nocache"})
    public String option;

    private final ImageDecoder decoder = new ImageDecoder();
    private List<byte[]> files;
    private int next;
    private ImageReaderSpi twelveMonkeys;
    private ImageReaderSpi jdk;
    private ImageReader reused;

    @Setup
    public void setUp() throws IOException {
        files = jpegs.equals("synthetic")
                ? List.of(ImageEncoder.encodeJpeg(SyntheticImages.generate(512, 512, 42, 1), 90))
                : readJpegs(Path.of(jpegs));
        twelveMonkeys = jpegReaderSpi("com.twelvemonkeys.");
        jdk = jpegReaderSpi("com.sun.imageio.");
        if (option.equals("tm-reused")) {
            reused = twelveMonkeys.createReaderInstance();
        } else if (option.startsWith("jdk-reused")) {
            reused = jdk.createReaderInstance();
        }
        ImageIO.setUseCache(!option.equals("imageio-read-nocache"));
    }

    @TearDown
    public void tearDown() {
        if (reused != null) {
            reused.dispose();
        }
        ImageIO.setUseCache(true);
    }

    private static List<byte[]> readJpegs(Path dir) throws IOException {
        var files = new ArrayList<byte[]>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (var file : listing.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().toList()) {
                files.add(Files.readAllBytes(file));
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no .jpg files in " + dir);
        }
        return files;
    }

    private static ImageReaderSpi jpegReaderSpi(String classPrefix) {
        Iterator<ImageReaderSpi> spis =
                IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
        while (spis.hasNext()) {
            var spi = spis.next();
            if (spi.getClass().getName().startsWith(classPrefix) && List.of(spi.getFormatNames()).contains("jpeg")) {
                return spi;
            }
        }
        throw new IllegalStateException("no JPEG reader from " + classPrefix);
    }

    @Benchmark
    public RasterImage decode() throws Exception {
        byte[] encoded = files.get(next);
        next = (next + 1) % files.size();
        return switch (option) {
            case "decoder" -> decoder.decode(encoded, "bench.jpg");
            case "tm-new" -> readOnce(twelveMonkeys.createReaderInstance(), memoryCache(encoded));
            case "jdk-new" -> readOnce(jdk.createReaderInstance(), memoryCache(encoded));
            case "tm-reused", "jdk-reused" -> readWith(reused, memoryCache(encoded));
            case "jdk-reused-array" -> readWith(reused, new ByteArrayImageInputStream(encoded));
            case "imageio-read", "imageio-read-nocache" ->
                    ImageDecoder.toRaster(ImageIO.read(new ByteArrayInputStream(encoded)));
            default -> throw new IllegalArgumentException("unknown option " + option);
        };
    }

    private static ImageInputStream memoryCache(byte[] encoded) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
    }

    private static RasterImage readOnce(ImageReader reader, ImageInputStream stream) throws IOException {
        try {
            return readWith(reader, stream);
        } finally {
            reader.dispose();
        }
    }

    private static RasterImage readWith(ImageReader reader, ImageInputStream stream) throws IOException {
        try (stream) {
            reader.setInput(stream, true, true);
            var image = ImageDecoder.toRaster(reader.read(0));
            reader.setInput(null);
            return image;
        }
    }
}
