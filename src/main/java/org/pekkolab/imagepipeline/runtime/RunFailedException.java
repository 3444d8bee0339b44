package org.pekkolab.imagepipeline.runtime;

/** The run itself failed (exit status 1), as opposed to some of its images. */
public final class RunFailedException extends RuntimeException {

    public RunFailedException(String message) {
        super(message);
    }
}
