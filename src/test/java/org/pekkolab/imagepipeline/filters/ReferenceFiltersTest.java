package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Every filter against an obviously correct per-pixel transcription of SPEC section 4, on random images of many
 * shapes, requiring exact equality; also checks that no filter writes to its input.
 */
class ReferenceFiltersTest {

    private static final int[][] SIZES = {
        {1, 1}, {1, 7}, {7, 1}, {2, 2}, {2, 5}, {5, 3}, {3, 3}, {31, 5}, {33, 4}, {64, 37}, {97, 6}, {257, 131}, {512, 3},
    };

    static Stream<Arguments> cases() {
        var references = List.<Object[]>of(
                new Object[] {new Grayscale(), (UnaryOperator<RasterImage>) ReferenceFiltersTest::grayscale},
                new Object[] {new GaussianBlur(), (UnaryOperator<RasterImage>) ReferenceFiltersTest::blur},
                new Object[] {new Sobel(), (UnaryOperator<RasterImage>) ReferenceFiltersTest::sobel},
                new Object[] {new Sharpen(), (UnaryOperator<RasterImage>) ReferenceFiltersTest::sharpen},
                new Object[] {new Brightness(), (UnaryOperator<RasterImage>) ReferenceFiltersTest::brightness});
        var random = new Random(20240601);
        var cases = new ArrayList<Arguments>();
        for (var reference : references) {
            for (int[] size : SIZES) {
                for (int channels : new int[] {1, 3}) {
                    for (var kind : Kind.values()) {
                        var image = randomImage(random, size[0], size[1], channels, kind);
                        var filter = (ImageFilter) reference[0];
                        cases.add(Arguments.of(Named.of(filter.name(), filter), reference[1], image, kind));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {2} ({3})")
    @MethodSource("cases")
    void matchesReferenceAndLeavesInputAlone(ImageFilter filter, UnaryOperator<RasterImage> reference,
            RasterImage input, Kind kind) {
        var before = TestImages.copy(input);
        var expected = reference.apply(input);
        var actual = filter.apply(input);
        assertEquals(before, input, "input modified");
        assertEquals(expected, actual, () -> firstDifference(expected, actual));
    }

    /** Noise spans the full range; smooth and two-level images give Sobel small and sparse magnitude ranges. */
    enum Kind { NOISE, SMOOTH, TWO_LEVEL }

    private static RasterImage randomImage(Random random, int w, int h, int channels, Kind kind) {
        var planes = new byte[channels][w * h];
        for (var plane : planes) {
            int base = random.nextInt(200);
            for (int i = 0; i < plane.length; i++) {
                int x = i % w;
                int y = i / w;
                plane[i] = (byte) switch (kind) {
                    case NOISE -> random.nextInt(256);
                    case SMOOTH -> base + (x + y) / 8 + random.nextInt(3);
                    case TWO_LEVEL -> random.nextInt(4) == 0 ? 255 : 0;
                };
            }
        }
        return new RasterImage(w, h, planes);
    }

    private static String firstDifference(RasterImage expected, RasterImage actual) {
        if (expected.channels() != actual.channels() || expected.width() != actual.width()
                || expected.height() != actual.height()) {
            return "shape differs: " + expected + " vs " + actual;
        }
        for (int p = 0; p < expected.channels(); p++) {
            for (int y = 0; y < expected.height(); y++) {
                for (int x = 0; x < expected.width(); x++) {
                    if (expected.sample(p, x, y) != actual.sample(p, x, y)) {
                        return "plane " + p + " (" + x + "," + y + "): expected " + expected.sample(p, x, y)
                                + " got " + actual.sample(p, x, y);
                    }
                }
            }
        }
        return "equal";
    }

    // The reference: one pixel at a time, straight from the SPEC.

    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
    }

    private static int convolve(RasterImage image, int plane, int x, int y, int[][] kernel) {
        int sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int sx = reflect(x + dx, image.width());
                int sy = reflect(y + dy, image.height());
                sum += kernel[dy + 1][dx + 1] * image.sample(plane, sx, sy);
            }
        }
        return sum;
    }

    private static int roundDiv16(int sum) {
        return (int) Math.floor(sum / 16.0 + 0.5);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private interface PixelRule {
        int at(RasterImage image, int plane, int x, int y);
    }

    private static RasterImage perChannel(RasterImage image, PixelRule rule) {
        var planes = new byte[image.channels()][image.width() * image.height()];
        for (int p = 0; p < planes.length; p++) {
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    planes[p][y * image.width() + x] = (byte) rule.at(image, p, x, y);
                }
            }
        }
        return new RasterImage(image.width(), image.height(), planes);
    }

    static RasterImage grayscale(RasterImage image) {
        if (image.isGray()) {
            return image;
        }
        return perChannel(RasterImage.gray(image.width(), image.height(), new byte[image.width() * image.height()]),
                (unused, p, x, y) -> (9798 * image.sample(0, x, y) + 19235 * image.sample(1, x, y)
                        + 3735 * image.sample(2, x, y) + 16384) >> 15);
    }

    static RasterImage blur(RasterImage image) {
        int[][] kernel = {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}};
        return perChannel(image, (img, p, x, y) -> roundDiv16(convolve(img, p, x, y, kernel)));
    }

    static RasterImage sharpen(RasterImage image) {
        int[][] kernel = {{-2, -2, -2}, {-2, 32, -2}, {-2, -2, -2}};
        return perChannel(image, (img, p, x, y) -> clamp(roundDiv16(convolve(img, p, x, y, kernel))));
    }

    static RasterImage brightness(RasterImage image) {
        return perChannel(image, (img, p, x, y) -> clamp((int) Math.floor(img.sample(p, x, y) * 1.2 + 0.5)));
    }

    static RasterImage sobel(RasterImage image) {
        var gray = grayscale(image);
        int[][] kx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
        int[][] ky = {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}};
        int w = gray.width();
        int h = gray.height();
        var magnitude = new double[w * h];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int gx = convolve(gray, 0, x, y, kx);
                int gy = convolve(gray, 0, x, y, ky);
                double m = Math.sqrt(gx * gx + gy * gy);
                magnitude[y * w + x] = m;
                min = Math.min(min, m);
                max = Math.max(max, m);
            }
        }
        var out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (max == min ? 0 : (int) Math.floor((magnitude[i] - min) * 255 / (max - min) + 0.5));
        }
        return RasterImage.gray(w, h, out);
    }
}
