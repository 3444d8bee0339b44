package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The build runs the filter tests three times (see pom.xml): with the SIMD kernels in the CPU's widest vectors, in
 * 256-bit vectors ({@code -XX:MaxVectorSize=32}) and with {@code -Dpipeline.simd=false}, so every path meets the
 * reference tests. This checks each run is on the path it means to test.
 */
class SimdTest {

    @Test
    void theTestsRunThePathTheirJvmAsksFor() {
        boolean switchedOff = "false".equals(System.getProperty(Simd.SWITCH));
        assertEquals(!switchedOff, Simd.enabled(), Simd.describe());
        assertTrue(Simd.describe().startsWith(switchedOff ? "scalar (-Dpipeline.simd=false)" : "SIMD, "), Simd.describe());
        var maxVectorBytes = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-XX:MaxVectorSize="))
                .map(argument -> Integer.parseInt(argument.substring("-XX:MaxVectorSize=".length())))
                .findFirst();
        maxVectorBytes.ifPresent(bytes -> assertEquals("SIMD, " + bytes * 8 + "-bit vectors", Simd.describe()));
    }
}
