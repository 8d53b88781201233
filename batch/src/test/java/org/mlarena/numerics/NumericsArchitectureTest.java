package org.mlarena.numerics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The numerics library stays a plain Java library, and Aparapi stays behind one package of it. */
class NumericsArchitectureTest {

    private static final JavaClasses BATCH = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mlarena");

    @Test
    void numericsKnowsNothingOfJakarta() {
        noClasses().that().resideInAPackage("org.mlarena.numerics..").should().dependOnClassesThat().resideInAPackage("jakarta..")
                .because("the engine runs in benchmarks, tests and on a GPU machine without a server: the batch jobs in ejb"
                        + " (pipeline) and org.mlarena.batch adapt it to Jakarta Batch")
                .check(BATCH);
    }

    @Test
    void aparapiStaysInNumericsOpenCl() {
        noClasses().that().resideOutsideOfPackage("org.mlarena.numerics.opencl..").should().dependOnClassesThat()
                .resideInAPackage("com.aparapi..")
                .because("OpenCL devices, kernels and their failures are handled in one place; elsewhere use ComputeDevice,"
                        + " Backend and MatrixKernels")
                .check(BATCH);
    }
}
