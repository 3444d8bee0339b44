package org.pekkolab.imagepipeline.filters;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The filters' hot loops on the JDK's Vector API, one SIMD instruction per lane group instead of one per sample.
 * Only {@link Simd} loads this class, and only when the {@code jdk.incubator.vector} module is in the JVM.
 * <p>
 * Samples are widened from bytes to 16-bit lanes, which hold every intermediate of blur, sharpen and brightness
 * exactly; the grayscale and Sobel sums need 32-bit lanes. The 3x3 filters run each row in two passes: vertical
 * sums of the three source rows into a row buffer, then horizontal windows read from that buffer at
 * {@code x - 1, x, x + 1}, so no lane shuffles are needed. Columns left over after the last whole vector go
 * through the same formula one at a time. Every result is bit for bit the scalar filters' result.
 */
final class VectorKernels {

    /** The widest vectors this CPU runs natively (C2's MaxVectorSize). */
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    /** Bytes that widen into one vector of {@link #SHORTS}. */
    private static final VectorSpecies<Byte> BYTES_TO_SHORTS = bytes(SHORTS.vectorBitSize() / 2);

    /** Bytes that widen into one vector of {@link #INTS}. */
    private static final VectorSpecies<Byte> BYTES_TO_INTS = bytes(SHORTS.vectorBitSize() / 4);

    private VectorKernels() {
    }

    /**
     * The bits per vector, or 0 below 256 bits: there {@link #BYTES_TO_INTS} would be narrower than the narrowest
     * byte vector (64 bits), and these kernels do not run.
     */
    static int vectorBits() {
        return SHORTS.vectorBitSize() >= 256 ? SHORTS.vectorBitSize() : 0;
    }

    /** Byte vectors of {@code bits}; under 64 bits (kernels off, see {@link #vectorBits}) any valid species. */
    private static VectorSpecies<Byte> bytes(int bits) {
        return bits >= 64 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(bits)) : ByteVector.SPECIES_64;
    }

    /** The samples at {@code offset}, zero-extended to 16 bits. */
    private static ShortVector widen(byte[] samples, int offset) {
        return (ShortVector) ByteVector.fromArray(BYTES_TO_SHORTS, samples, offset)
                .convertShape(VectorOperators.B2S, SHORTS, 0)
                .lanewise(VectorOperators.AND, (short) 0xFF);
    }

    private static IntVector widenToInts(byte[] samples, int offset) {
        return (IntVector) ByteVector.fromArray(BYTES_TO_INTS, samples, offset)
                .convertShape(VectorOperators.B2I, INTS, 0)
                .lanewise(VectorOperators.AND, 0xFF);
    }

    /** Stores the low byte of every lane (each lane already holds 0..255). */
    private static void narrow(ShortVector levels, byte[] out, int offset) {
        ((ByteVector) levels.convertShape(VectorOperators.S2B, BYTES_TO_SHORTS, 0)).intoArray(out, offset);
    }

    /**
     * {@link Grayscale}'s {@code (9798 R + 19235 G + 3735 B + 16384) >> 15} for the whole vectors at the start of
     * the planes; returns how many pixels it wrote, the caller's scalar loop does the rest.
     */
    static int luma(byte[] red, byte[] green, byte[] blue, byte[] gray) {
        int step = BYTES_TO_INTS.length();
        int i = 0;
        for (; i <= gray.length - step; i += step) {
            var y = widenToInts(red, i).mul(9798)
                    .add(widenToInts(green, i).mul(19235))
                    .add(widenToInts(blue, i).mul(3735))
                    .add(16384)
                    .lanewise(VectorOperators.ASHR, 15);
            ((ByteVector) y.convertShape(VectorOperators.I2B, BYTES_TO_INTS, 0)).intoArray(gray, i);
        }
        return i;
    }

    /**
     * {@link Brightness}'s {@code min(255, round(1.2 v))}, computed as {@code v + ((51 v + 153) >> 8)}: the
     * shift is {@code floor(0.2 v + 0.5)} for every {@code v} in 0..255 (checked exhaustively by the tests). Does
     * the whole vectors at the start of the plane; returns how many samples it wrote.
     */
    static int brightness(byte[] src, byte[] dst) {
        int step = BYTES_TO_SHORTS.length();
        int i = 0;
        for (; i <= src.length - step; i += step) {
            var v = widen(src, i);
            narrow(v.add(v.mul((short) 51).add((short) 153).lanewise(VectorOperators.LSHR, 8)).min((short) 255), dst, i);
        }
        return i;
    }

    /** {@code sums[x] = s[up + x] + weight * s[mid + x] + s[dn + x]} for the whole row. */
    private static void columnSums(byte[] s, int up, int mid, int dn, int w, int weight, short[] sums) {
        int step = BYTES_TO_SHORTS.length();
        int x = 0;
        if (weight == 2) {
            for (; x <= w - step; x += step) {
                widen(s, up + x).add(widen(s, mid + x).lanewise(VectorOperators.LSHL, 1)).add(widen(s, dn + x))
                        .intoArray(sums, x);
            }
        } else {
            for (; x <= w - step; x += step) {
                widen(s, up + x).add(widen(s, mid + x)).add(widen(s, dn + x)).intoArray(sums, x);
            }
        }
        for (; x < w; x++) {
            sums[x] = (short) ((s[up + x] & 0xFF) + weight * (s[mid + x] & 0xFF) + (s[dn + x] & 0xFF));
        }
    }

    /** {@link GaussianBlur}'s interior columns {@code 1 <= x < w - 1} of one row; {@code sums} holds {@code w}. */
    static void blurRow(byte[] s, byte[] d, int up, int mid, int dn, int w, short[] sums) {
        columnSums(s, up, mid, dn, w, 2, sums);
        int step = SHORTS.length();
        int x = 1;
        for (; x <= w - 1 - step; x += step) {
            var left = ShortVector.fromArray(SHORTS, sums, x - 1);
            var centre = ShortVector.fromArray(SHORTS, sums, x);
            var right = ShortVector.fromArray(SHORTS, sums, x + 1);
            narrow(left.add(centre.lanewise(VectorOperators.LSHL, 1)).add(right).add((short) 8)
                    .lanewise(VectorOperators.LSHR, 4), d, mid + x);
        }
        for (; x < w - 1; x++) {
            d[mid + x] = (byte) ((sums[x - 1] + 2 * sums[x] + sums[x + 1] + 8) >> 4);
        }
    }

    /**
     * {@link Sharpen}'s interior columns of one row: {@code (17 c - S + 4) >> 3} saturated, with {@code S} the sum
     * of the 3x3 window; {@code sums} holds {@code w}.
     */
    static void sharpenRow(byte[] s, byte[] d, int up, int mid, int dn, int w, short[] sums) {
        columnSums(s, up, mid, dn, w, 1, sums);
        int step = SHORTS.length();
        int x = 1;
        for (; x <= w - 1 - step; x += step) {
            var window = ShortVector.fromArray(SHORTS, sums, x - 1)
                    .add(ShortVector.fromArray(SHORTS, sums, x))
                    .add(ShortVector.fromArray(SHORTS, sums, x + 1));
            var level = widen(s, mid + x).mul((short) 17).sub(window).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3);
            narrow(level.max((short) 0).min((short) 255), d, mid + x);
        }
        for (; x < w - 1; x++) {
            d[mid + x] = (byte) Sharpen.level(17 * (s[mid + x] & 0xFF) - (sums[x - 1] + sums[x] + sums[x + 1]));
        }
    }

    /**
     * {@link Sobel}'s squared magnitudes {@code gx^2 + gy^2} of a plane of at least 2 columns into {@code sq}, and
     * their extremes. Per row, with {@code sums = top + 2 mid + bottom} and {@code diffs = bottom - top} per
     * column, {@code gx = sums[x + 1] - sums[x - 1]} and {@code gy = diffs[x - 1] + 2 diffs[x] + diffs[x + 1]},
     * widened to 32 bits to be squared; edge columns go through {@link Sobel#at}. (Computing each row twice into
     * an L1-sized buffer, once for the extremes and once for the levels, instead of storing the plane measured
     * 30 % slower.)
     */
    static Sobel.Range sobelSquared(byte[] s, int[] sq, int w, int h) {
        var sums = new short[w];
        var diffs = new short[w];
        for (int y = 0; y < h; y++) {
            sobelRow(s, w, h, y, sums, diffs, sq);
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < w * h; i++) {
            min = Math.min(min, sq[i]);
            max = Math.max(max, sq[i]);
        }
        return new Sobel.Range(min, max);
    }

    /** Row {@code y} of {@link #sobelSquared}. */
    private static void sobelRow(byte[] s, int w, int h, int y, short[] sums, short[] diffs, int[] sq) {
        int up = Reflect101.index(y - 1, h) * w;
        int mid = y * w;
        int dn = Reflect101.index(y + 1, h) * w;
        sq[mid] = Sobel.at(s, up, mid, dn, Reflect101.index(-1, w), 0, Reflect101.index(1, w));
        sq[mid + w - 1] = Sobel.at(s, up, mid, dn, w - 2, w - 1, Reflect101.index(w, w));
        columnSums(s, up, mid, dn, w, 2, sums);
        int step = BYTES_TO_SHORTS.length();
        int x = 0;
        for (; x <= w - step; x += step) {
            widen(s, dn + x).sub(widen(s, up + x)).intoArray(diffs, x);
        }
        for (; x < w; x++) {
            diffs[x] = (short) ((s[dn + x] & 0xFF) - (s[up + x] & 0xFF));
        }
        step = SHORTS.length();
        int half = INTS.length();
        x = 1;
        for (; x <= w - 1 - step; x += step) {
            var gx = ShortVector.fromArray(SHORTS, sums, x + 1).sub(ShortVector.fromArray(SHORTS, sums, x - 1));
            var gy = ShortVector.fromArray(SHORTS, diffs, x - 1)
                    .add(ShortVector.fromArray(SHORTS, diffs, x).lanewise(VectorOperators.LSHL, 1))
                    .add(ShortVector.fromArray(SHORTS, diffs, x + 1));
            // Each half of the lanes on its own line, so that the conversion's part is a constant, as C2's intrinsic
            // needs. With a loop over the two parts, one bench ran Sobel 3x slower, allocating 21 bytes a pixel,
            // for the whole JVM's life (not reproduced since; the loop left it to the JIT to unroll).
            var gxLow = (IntVector) gx.convertShape(VectorOperators.S2I, INTS, 0);
            var gyLow = (IntVector) gy.convertShape(VectorOperators.S2I, INTS, 0);
            gxLow.mul(gxLow).add(gyLow.mul(gyLow)).intoArray(sq, mid + x);
            var gxHigh = (IntVector) gx.convertShape(VectorOperators.S2I, INTS, 1);
            var gyHigh = (IntVector) gy.convertShape(VectorOperators.S2I, INTS, 1);
            gxHigh.mul(gxHigh).add(gyHigh.mul(gyHigh)).intoArray(sq, mid + x + half);
        }
        for (; x < w - 1; x++) {
            int gx = sums[x + 1] - sums[x - 1];
            int gy = diffs[x - 1] + 2 * diffs[x] + diffs[x + 1];
            sq[mid + x] = gx * gx + gy * gy;
        }
    }
}
