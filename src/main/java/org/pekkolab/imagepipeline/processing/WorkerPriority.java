package org.pekkolab.imagepipeline.processing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.pekkolab.imagepipeline.settings.WorkerSettings;

/**
 * The OS priority of the threads that do the image work: a number of nice steps below the JVM's
 * other threads. With every core busy with filter work, a thread that hands a worker its next
 * image (a control actor, Artery's remoting, a reader) waits for a core like any other, and the
 * worker that finished waits for it in turn; below them, the workers leave those threads a core
 * at once and still get every cycle they leave. Each row of a sweep does it alike, so rows stay
 * comparable.
 *
 * <p>Linux keeps a nice value per thread, and {@code setpriority(PRIO_PROCESS, 0, n)} sets the
 * calling thread's; any user may lower a thread's priority, only a privileged one raise it again,
 * so the value is one per invocation. Elsewhere the threads keep their priority and
 * {@link #describe(int)} says why.
 */
public final class WorkerPriority {

    /** Threads keep the priority they were created with. */
    public static final WorkerPriority UNCHANGED = new WorkerPriority(0);

    private static final int PRIO_PROCESS = 0;

    private static final String UNAVAILABLE = unavailableReason();

    /** The nice value of the JVM's first thread: the one its other threads start with. */
    private static final int JVM_NICE = UNAVAILABLE == null ? LibC.currentNice(pidOfThisJvm()) : 0;

    /** The nice value this thread was given, so that each thread calls the OS once. */
    private static final ThreadLocal<Integer> SET_ON_THIS_THREAD = new ThreadLocal<>();

    /** What happened when a thread was last lowered: null until one was. */
    private static final AtomicReference<String> OUTCOME = new AtomicReference<>();

    private final int steps;

    private WorkerPriority(int steps) {
        this.steps = steps;
    }

    /** Image work {@code steps} nice steps below the JVM's other threads; 0 leaves threads as they are. */
    public static WorkerPriority lowerBy(int steps) {
        if (steps < 0 || steps > WorkerSettings.MAX_NICE) {
            throw new IllegalArgumentException("nice steps must be between 0 and " + WorkerSettings.MAX_NICE + ", got " + steps);
        }
        return steps == 0 ? UNCHANGED : new WorkerPriority(steps);
    }

    /** Lowers the calling thread, the first time it does image work. */
    public void applyToCurrentThread() {
        if (steps == 0 || UNAVAILABLE != null) {
            return;
        }
        int target = Math.min(WorkerSettings.MAX_NICE, JVM_NICE + steps);
        Integer set = SET_ON_THIS_THREAD.get();
        if (set != null && set == target) {
            return;
        }
        SET_ON_THIS_THREAD.set(target);
        try {
            LibC.setpriority(PRIO_PROCESS, 0, target);
            OUTCOME.set(String.format(Locale.ROOT, "nice %d, the JVM's other threads %d", target, JVM_NICE));
        } catch (LastErrorException e) {
            // Raising a thread's priority again needs privileges: a later run asked for fewer steps.
            OUTCOME.set("left at nice " + (set != null ? set : JVM_NICE) + ": setpriority failed (" + e.getMessage() + ")");
        }
    }

    /** For reports: the nice value the image work got, or why it kept the JVM's. */
    public static String describe(int stepsAsked) {
        if (stepsAsked == 0) {
            return "nice as the JVM's other threads (pipeline.worker-nice = 0)";
        }
        if (UNAVAILABLE != null) {
            return "nice as the JVM's other threads (" + UNAVAILABLE + ")";
        }
        var outcome = OUTCOME.get();
        return outcome != null ? outcome : "not lowered: no image was processed";
    }

    private static String unavailableReason() {
        if (!Platform.isLinux()) {
            return "per-thread priorities are set on Linux only";
        }
        try {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return "setpriority unavailable: " + e.getMessage();
        }
    }

    private static int pidOfThisJvm() {
        return (int) ProcessHandle.current().pid();
    }

    /** The C library's calls, bound directly (JNA's direct mapping: no proxy per call). */
    private static final class LibC {

        static native int setpriority(int which, int who, int prio) throws LastErrorException;

        static native int getpriority(int which, int who) throws LastErrorException;

        /** The nice value of the thread whose id is {@code tid} (the JVM's first thread has the process id). */
        static int currentNice(int tid) {
            try {
                return getpriority(PRIO_PROCESS, tid);
            } catch (LastErrorException e) {
                return 0;
            }
        }
    }
}
