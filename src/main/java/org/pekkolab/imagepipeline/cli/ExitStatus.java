package org.pekkolab.imagepipeline.cli;

/** SPEC §3 exit statuses. */
final class ExitStatus {
    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;
    static final int IMAGES_FAILED = 3;

    private ExitStatus() {}
}
