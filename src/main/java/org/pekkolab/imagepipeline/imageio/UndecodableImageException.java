package org.pekkolab.imagepipeline.imageio;

import org.pekkolab.imagepipeline.image.RasterImage;

/**
 * An input that cannot become a {@link org.pekkolab.imagepipeline.image.RasterImage}. Checked, because
 * bad input is expected in a run and must become a listed failure, not a crash; the message is a short
 * one-line reason meant for the failure list and the report.
 */
public final class UndecodableImageException extends Exception {

    public UndecodableImageException(String reason) {
        super(reason);
    }

    public UndecodableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
