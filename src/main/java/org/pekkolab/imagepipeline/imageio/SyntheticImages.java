package org.pekkolab.imagepipeline.imageio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * Deterministic test and benchmark images with something for the filters to find: a smooth two-colour
 * gradient with soft light spots, a few hard-edged filled shapes (circles, ellipses, rectangles, bars),
 * a mild shading inside each shape and pixel noise. Only integer and {@code double} arithmetic (no AWT
 * rendering), so the same (seed, index) gives the same pixels, and so the same files, on every JVM.
 */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    /** An RGB image; {@code index} picks a different image from the same seed. */
    public static RasterImage generate(int width, int height, long seed, int index) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be at least 1x1, got " + width + "x" + height);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
        double[][] planes = new double[3][width * height];
        background(planes, width, height, random);
        int shapes = 4 + random.nextInt(6);
        for (int s = 0; s < shapes; s++) {
            shape(planes, width, height, random);
        }
        int noise = 3 + random.nextInt(8);
        byte[][] out = new byte[3][width * height];
        for (int c = 0; c < 3; c++) {
            double[] src = planes[c];
            byte[] dst = out[c];
            for (int i = 0; i < src.length; i++) {
                // sum of two uniforms: a soft, sensor-like noise around 0
                int n = random.nextInt(noise + 1) + random.nextInt(noise + 1) - noise;
                dst[i] = (byte) clamp((int) Math.round(src[i]) + n);
            }
        }
        return new RasterImage(width, height, out);
    }

    /**
     * Writes images 1..count as {@code synthetic-0001.<ext>} etc. into {@code dir} (created if needed).
     *
     * @param quality JPEG quality 1..100, ignored for PNG
     */
    public static List<Path> writeAll(Path dir, int count, int width, int height, long seed,
                                      OutputFormat format, int quality) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Path file = dir.resolve(format.fileName(String.format("synthetic-%04d", i)));
            ImageEncoder.write(generate(width, height, seed, i), file, format, quality);
            files.add(file);
        }
        return files;
    }

    private static void background(double[][] planes, int width, int height, SplittableRandom random) {
        int[] from = color(random);
        int[] to = color(random);
        double angle = random.nextDouble() * 2 * Math.PI;
        double dx = StrictMath.cos(angle) / width;
        double dy = StrictMath.sin(angle) / height;
        int spots = 1 + random.nextInt(3);
        double[][] spot = new double[spots][];
        for (int s = 0; s < spots; s++) {
            double radius = (0.2 + 0.4 * random.nextDouble()) * Math.max(width, height);
            spot[s] = new double[] {random.nextDouble() * width, random.nextDouble() * height,
                    radius * radius, random.nextDouble() * 120 - 50};
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = Math.min(1, Math.max(0, 0.5 + (x - width / 2.0) * dx + (y - height / 2.0) * dy));
                double light = 0;
                for (double[] sp : spot) {
                    double d2 = (x - sp[0]) * (x - sp[0]) + (y - sp[1]) * (y - sp[1]);
                    if (d2 < sp[2]) {
                        double f = 1 - d2 / sp[2];
                        light += sp[3] * f * f;
                    }
                }
                int i = y * width + x;
                for (int c = 0; c < 3; c++) {
                    planes[c][i] = from[c] + (to[c] - from[c]) * t + light;
                }
            }
        }
    }

    private static void shape(double[][] planes, int width, int height, SplittableRandom random) {
        int kind = random.nextInt(4);
        int[] color = color(random);
        double cx = random.nextDouble() * width;
        double cy = random.nextDouble() * height;
        int size = Math.min(width, height);
        double rx = (0.05 + 0.25 * random.nextDouble()) * size;
        double ry = kind == 0 ? rx : (0.05 + 0.25 * random.nextDouble()) * size;
        double shade = random.nextDouble() * 60 - 30;
        double tilt = random.nextDouble() * 2 - 1;
        int x0 = Math.max(0, (int) (cx - rx - Math.abs(tilt) * ry) - 1);
        int x1 = Math.min(width - 1, (int) (cx + rx + Math.abs(tilt) * ry) + 1);
        int y0 = Math.max(0, (int) (cy - ry) - 1);
        int y1 = Math.min(height - 1, (int) (cy + ry) + 1);
        for (int y = y0; y <= y1; y++) {
            double v = (y - cy) / ry;
            for (int x = x0; x <= x1; x++) {
                double u = (x - cx) / rx;
                boolean inside = switch (kind) {
                    case 0, 1 -> u * u + v * v <= 1;                  // circle, ellipse
                    case 2 -> Math.abs(u) <= 1 && Math.abs(v) <= 1;     // rectangle
                    default -> Math.abs(u - tilt * v) <= 0.25 && Math.abs(v) <= 1; // slanted bar
                };
                if (inside) {
                    int i = y * width + x;
                    double light = shade * (u + v) / 2;
                    for (int c = 0; c < 3; c++) {
                        planes[c][i] = color[c] + light;
                    }
                }
            }
        }
    }

    private static int[] color(SplittableRandom random) {
        return new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
