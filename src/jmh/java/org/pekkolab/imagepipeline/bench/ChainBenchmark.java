package org.pekkolab.imagepipeline.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pekkolab.imagepipeline.filters.FilterChain;
import org.pekkolab.imagepipeline.image.RasterImage;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/** The default five-filter chain on a 512x512 RGB image, one thread: plain, and timed as the pipeline runs it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class ChainBenchmark {

    private final FilterChain chain = FilterChain.defaults();
    private final RasterImage image = SyntheticImages.generate(FilterBenchmark.SIZE, FilterBenchmark.SIZE, 42, 1);
    private final long[] elapsed = new long[chain.size()];

    @Benchmark
    public RasterImage chain() {
        return chain.apply(image);
    }

    @Benchmark
    public RasterImage chainTimed() {
        return chain.apply(image, elapsed);
    }
}
