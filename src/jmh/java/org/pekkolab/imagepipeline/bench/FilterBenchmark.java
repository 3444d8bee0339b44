package org.pekkolab.imagepipeline.bench;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.pekkolab.imagepipeline.filters.FilterRegistry;
import org.pekkolab.imagepipeline.filters.Grayscale;
import org.pekkolab.imagepipeline.filters.ImageFilter;
import org.pekkolab.imagepipeline.image.RasterImage;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/**
 * Each filter on a 512x512 synthetic image, one thread. Divide ns/op by 262144 for
 * ns/pixel. Filters run on RGB input (what a user chain may start with) and on gray input (what every filter
 * after grayscale sees in the default chain).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class FilterBenchmark {

    static final int SIZE = 512;

    @Param({"grayscale", "blur", "sobel", "sharpen", "brightness"})
    public String filter;

    @Param({"rgb", "gray"})
    public String input;

    private ImageFilter kernel;
    private RasterImage image;

    @Setup
    public void setUp() {
        kernel = FilterRegistry.byName(filter);
        var rgb = SyntheticImages.generate(SIZE, SIZE, 42, 1);
        image = input.equals("rgb") ? rgb : new Grayscale().apply(rgb);
    }

    @Benchmark
    public RasterImage apply() {
        return kernel.apply(image);
    }
}
