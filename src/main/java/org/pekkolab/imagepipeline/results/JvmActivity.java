package org.pekkolab.imagepipeline.results;

import java.util.Map;

/**
 * What one JVM did beside the images' own work during a run: where its CPU went by kind of thread,
 * how often its threads waited or were preempted, how long its JIT compiled. On two cores every
 * millisecond outside the workers is one they did not get; this is how a cluster row's loss is
 * found in each node. A figure that was not measured is null.
 *
 * @param threadCpuMs CPU milliseconds per kind of thread: workers, readers, control, remoting, jit,
 *     gc, other (null values where not measured: off Linux for the JVM's own threads)
 * @param waitedPerImage voluntary context switches of the JVM's threads per image the node did
 * @param preemptedPerImage involuntary context switches per image: the OS took a core from a thread
 * @param jitMs time the JIT compilers spent compiling during the run
 */
public record JvmActivity(Map<String, Double> threadCpuMs, Double waitedPerImage, Double preemptedPerImage, Double jitMs) {

    public static final JvmActivity NOT_MEASURED = new JvmActivity(Map.of(), null, null, null);

    /** The JIT's compile time during the run; NaN where not measured. */
    public double jitMillis() {
        return jitMs == null ? Double.NaN : jitMs;
    }

    /** The CPU milliseconds of one kind of thread; NaN where not measured. */
    public double cpuMillis(String threads) {
        var ms = threadCpuMs.get(threads);
        return ms == null ? Double.NaN : ms;
    }
}
