package org.pekkolab.imagepipeline.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs the filter tests twice: with the SIMD kernels (the default) and with {@code -Dpipeline.simd=false}
 * (see pom.xml), so both paths meet the reference tests. This checks each run is on the path it means to test.
 */
class SimdTest {

    @Test
    void theTestsRunThePathTheirJvmAsksFor() {
        boolean switchedOff = "false".equals(System.getProperty(Simd.SWITCH));
        assertEquals(!switchedOff, Simd.enabled(), Simd.describe());
        assertTrue(Simd.describe().startsWith(switchedOff ? "scalar (-Dpipeline.simd=false)" : "SIMD, "), Simd.describe());
    }
}
