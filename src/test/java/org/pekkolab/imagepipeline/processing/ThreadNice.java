package org.pekkolab.imagepipeline.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Threads' nice values as Linux reports them, for tests of what lowers which thread; and a new
 * thread to run such a test on, since a lowered thread cannot be raised again without privileges.
 */
public final class ThreadNice {

    private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");
    private static final Path JVM_STAT = Path.of("/proc/self/stat");

    private ThreadNice() {}

    /** Whether this system reports a thread's nice value (Linux). */
    public static boolean readable() {
        return Files.isReadable(THREAD_STAT);
    }

    /** The calling thread's nice value. */
    public static int ofThisThread() {
        return of(THREAD_STAT);
    }

    /** The nice value of the JVM's first thread, the one its other threads start from. */
    public static int ofJvm() {
        return of(JVM_STAT);
    }

    /** Runs {@code work} on a new thread and returns its result; its failure is the caller's. */
    public static <T> T onNewThread(Duration limit, Callable<T> work) throws InterruptedException, ExecutionException, TimeoutException {
        var thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    /** Field 19 of a stat file; the fields start after the command name's last ')'. */
    private static int of(Path stat) {
        try {
            var text = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[19 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
