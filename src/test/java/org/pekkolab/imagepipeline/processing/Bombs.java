package org.pekkolab.imagepipeline.processing;

import org.pekkolab.imagepipeline.imageio.ImageEncoder;
import org.pekkolab.imagepipeline.imageio.SyntheticImages;

/** Decompression bombs for tests: small files whose headers claim huge images. */
public final class Bombs {

    private Bombs() {}

    /** A real 16 x 16 JPEG whose frame header (SOF0) says 9999 x 9999: a few hundred bytes. */
    public static byte[] jpeg() {
        var jpeg = ImageEncoder.encodeJpeg(SyntheticImages.generate(16, 16, 3, 0), ImageEncoder.DEFAULT_JPEG_QUALITY);
        for (int i = 0; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (9999 >> 8);
                jpeg[i + 6] = (byte) (9999 & 0xFF);
                jpeg[i + 7] = (byte) (9999 >> 8);
                jpeg[i + 8] = (byte) (9999 & 0xFF);
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 marker in the encoded JPEG");
    }
}
