package org.pekkolab.imagepipeline.cli;

/** The exit statuses of docs/reference.md. */
final class ExitStatus {
    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;
    static final int IMAGES_FAILED = 3;

    private ExitStatus() {}
}
