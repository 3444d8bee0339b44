package org.pekkolab.imagepipeline;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages by responsibility stay in layers: each uses only packages below it, some only those
 * they name, and none depends on itself through another.
 *
 * <p>Plain JUnit tests rather than ArchUnit's {@code @ArchTest} fields: Surefire 3.5.3, this build's,
 * runs none of those (SUREFIRE-2298, TNG/ArchUnit#1442).
 */
class ArchitectureTest {

    private static final String ROOT = "org.pekkolab.imagepipeline";

    /** Every package, bottom-up: a package may use those before it, unless its rule below names fewer. */
    private static final List<String> LAYERS = List.of("image", "filters", "imageio", "source", "settings", "probes", "results", "processing",
            "mailbox", "runtime", "node", "run", "cluster", "sweep", "report", "cli");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachPackageUsesOnlyPackagesBelowIt() {
        var architecture = layeredArchitecture().consideringOnlyDependenciesInLayers().ensureAllClassesAreContainedInArchitecture();
        for (var layer : LAYERS) {
            architecture = architecture.layer(layer).definedBy(ROOT + "." + layer + "..");
        }
        architecture
                .whereLayer("image").mayNotAccessAnyLayer()
                .whereLayer("filters").mayOnlyAccessLayers("image")
                .whereLayer("imageio").mayOnlyAccessLayers("image")
                .whereLayer("source").mayNotAccessAnyLayer()
                .whereLayer("settings").mayOnlyAccessLayers("filters", "imageio", "source")
                .whereLayer("probes").mayNotAccessAnyLayer()
                .whereLayer("results").mayOnlyAccessLayers("probes")
                .whereLayer("processing").mayOnlyAccessLayers(below("processing"))
                .whereLayer("mailbox").mayOnlyAccessLayers(below("mailbox"))
                .whereLayer("runtime").mayOnlyAccessLayers(below("runtime"))
                .whereLayer("node").mayOnlyAccessLayers(below("node"))
                .whereLayer("run").mayOnlyAccessLayers(below("run"))
                .whereLayer("cluster").mayOnlyAccessLayers(below("cluster"))
                .whereLayer("sweep").mayOnlyAccessLayers(below("sweep"))
                // The report only renders what was measured: it knows nothing of how.
                .whereLayer("report").mayOnlyAccessLayers("results", "probes")
                .whereLayer("cli").mayOnlyAccessLayers(below("cli"))
                .check(CLASSES);
    }

    private static String[] below(String layer) {
        return LAYERS.subList(0, LAYERS.indexOf(layer)).toArray(String[]::new);
    }
}
