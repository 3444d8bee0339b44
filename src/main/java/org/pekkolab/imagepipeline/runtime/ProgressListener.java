package org.pekkolab.imagepipeline.runtime;

/** Told how a sweep advances; the command line draws a progress bar or prints lines from it. */
public interface ProgressListener {

    /** A run starts; the returned handle is told the number of images done so far, from any thread. */
    RunProgress runStarted(String label, int images);

    /** A phase without a per-image count (warm-up, for example). */
    void note(String message);

    interface RunProgress extends AutoCloseable {
        void done(int images);

        @Override
        void close();
    }
}
