package org.pekkolab.imagepipeline.settings;

/** Bad input from the user (exit status 2): its message is the one-line reason shown to them. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
