package org.pekkolab.imagepipeline.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.pekkolab.imagepipeline.runtime.ProgressListener;

/**
 * Progress on stderr, so that stdout holds only the results: a progress bar per run on an
 * interactive terminal, plain lines (start and end of each run) in logs and CI.
 */
abstract class ConsoleProgress implements ProgressListener {

    static ProgressListener forTerminal(PrintWriter err) {
        boolean interactive = System.console() != null && System.getenv("CI") == null;
        return interactive ? new Bars(err) : new Lines(err);
    }

    protected final PrintWriter err;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void note(String message) {
        err.println(message);
        err.flush();
    }

    private static final class Bars extends ConsoleProgress {
        Bars(PrintWriter err) {
            super(err);
        }

        @Override
        public RunProgress runStarted(String label, int images) {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(String.format("%-28s", label))
                    .setInitialMax(images)
                    .setUnit(" img", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(100)
                    .build();
            return new RunProgress() {
                @Override
                public void done(int count) {
                    bar.stepTo(count);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
    }

    private static final class Lines extends ConsoleProgress {
        Lines(PrintWriter err) {
            super(err);
        }

        @Override
        public RunProgress runStarted(String label, int images) {
            long start = System.nanoTime();
            note(String.format("%-28s %d images ...", label, images));
            return new RunProgress() {
                private volatile int done;

                @Override
                public void done(int count) {
                    done = count;
                }

                @Override
                public void close() {
                    note(String.format("%-28s %d/%d images in %.2f s", label, done, images, (System.nanoTime() - start) / 1e9));
                }
            };
        }
    }
}
