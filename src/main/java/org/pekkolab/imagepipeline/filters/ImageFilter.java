package org.pekkolab.imagepipeline.filters;

import org.pekkolab.imagepipeline.image.RasterImage;

/** One step of the pipeline. Implementations are stateless and safe to share between threads. */
public interface ImageFilter {

    /** The name users give with {@code --filters}. */
    String name();

    /** Returns a new image; the input is never modified. */
    RasterImage apply(RasterImage input);
}
