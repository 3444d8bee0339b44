package org.pekkolab.imagepipeline.settings;

/**
 * What a sweep reads: the images of a folder or a URL list, each fed {@code repeat} times per run.
 *
 * @param repeat how many times each image is fed per run ({@code --repeat}), at least 1
 */
public record InputSettings(InputSet set, int repeat) {

    public InputSettings {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
    }

    /** Images per run: every input, {@code repeat} times. */
    public int imagesPerRun() {
        return set.sources().size() * repeat;
    }
}
