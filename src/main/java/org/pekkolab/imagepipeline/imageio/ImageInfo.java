package org.pekkolab.imagepipeline.imageio;

/** What the header of an encoded image says, read without decoding pixels. {@code format} is lower case, e.g. "jpeg". */
public record ImageInfo(String format, int width, int height) {

    public long pixelCount() {
        return (long) width * height;
    }
}
