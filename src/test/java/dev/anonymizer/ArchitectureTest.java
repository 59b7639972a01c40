package dev.anonymizer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, kept by the build: doors (the function's entry points, the command line, backfill, evaluation, the
 * status page, the review page) use the shell ({@code pipeline}, and {@code review}, the review of held photos on top
 * of it), which uses the core (detection, censoring, imaging, regions); the
 * configuration mappings and the stores are reached only from above the core, which takes plain settings records and
 * knows no framework. Nothing reaches up, and the top-level packages form no cycle.
 */
@AnalyzeClasses(packages = "dev.anonymizer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"dev.anonymizer.detection..", "dev.anonymizer.censor..",
        "dev.anonymizer.imaging..", "dev.anonymizer.region.."};

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Doors").definedBy("dev.anonymizer", "dev.anonymizer.function..", "dev.anonymizer.cli..",
                    "dev.anonymizer.backfill..", "dev.anonymizer.evaluation..", "dev.anonymizer.health..",
                    "dev.anonymizer.reviewpage..")
            .layer("Shell").definedBy("dev.anonymizer.pipeline..", "dev.anonymizer.review..")
            .layer("Storage").definedBy("dev.anonymizer.storage..")
            .layer("Settings").definedBy("dev.anonymizer.config..")
            .layer("Core").definedBy(CORE)
            .whereLayer("Doors").mayNotBeAccessedByAnyLayer()
            .whereLayer("Shell").mayOnlyBeAccessedByLayers("Doors")
            .whereLayer("Storage").mayOnlyBeAccessedByLayers("Doors", "Shell")
            .whereLayer("Settings").mayOnlyBeAccessedByLayers("Doors", "Shell", "Storage")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Doors", "Shell", "Settings");

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching("dev.anonymizer.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule CORE_KNOWS_NO_FRAMEWORK = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                    "jakarta.inject..", "jakarta.annotation..", "org.eclipse.microprofile..", "io.smallrye.config..",
                    "dev.anonymizer.config..")
            .because("the core takes plain settings records built at the edge (pipeline.CoreSettings, "
                    + "pipeline.DetectionBeans), so it can be used and tested without Quarkus");
}
