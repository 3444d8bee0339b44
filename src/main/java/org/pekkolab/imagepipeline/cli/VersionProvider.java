package org.pekkolab.imagepipeline.cli;

import org.pekkolab.imagepipeline.filters.Simd;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest, with the Java and Pekko versions it runs on and the filter kernels. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        var version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "pekko-image-pipeline " + (version == null ? "(development build)" : version),
            "Apache Pekko " + org.apache.pekko.Version.current() + ", Java " + System.getProperty("java.version"),
            "Filter kernels: " + Simd.describe()
        };
    }
}
