package org.pekkolab.imagepipeline.filters;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the filters run their SIMD kernels ({@link VectorKernels}, on the JDK's incubating Vector API) or their
 * scalar loops. Both compute the same bytes. The SIMD kernels need the {@code jdk.incubator.vector} module in the
 * JVM ({@code --add-modules jdk.incubator.vector}: run.sh, the tests and the cluster's node JVMs add it) and
 * vectors of at least 256 bits; {@code -Dpipeline.simd=false} turns them off, to compare.
 */
public final class Simd {

    /** The system property that turns the SIMD kernels off when {@code false}. */
    public static final String SWITCH = "pipeline.simd";

    private static final String MODULE = "jdk.incubator.vector";

    private static final boolean MODULE_LOADED = ModuleLayer.boot().findModule(MODULE).isPresent();

    private static final boolean SWITCHED_OFF = "false".equals(System.getProperty(SWITCH));

    private static final int VECTOR_BITS = MODULE_LOADED && !SWITCHED_OFF ? VectorKernels.vectorBits() : 0;

    static final boolean ENABLED = VECTOR_BITS > 0;

    private Simd() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** The options that give another JVM (a cluster node) the kernels this one runs. */
    public static List<String> jvmOptions() {
        var options = new ArrayList<String>();
        if (MODULE_LOADED) {
            options.addAll(List.of("--add-modules", MODULE));
        }
        if (SWITCHED_OFF) {
            options.add("-D" + SWITCH + "=false");
        }
        return options;
    }

    /** What the filters run on, for reports: "SIMD, 512-bit vectors" or "scalar (why)". */
    public static String describe() {
        if (ENABLED) {
            return "SIMD, " + VECTOR_BITS + "-bit vectors";
        }
        if (SWITCHED_OFF) {
            return "scalar (-D" + SWITCH + "=false)";
        }
        return MODULE_LOADED ? "scalar (this CPU's vectors are under 256 bits)" : "scalar (" + MODULE + " not loaded)";
    }
}
