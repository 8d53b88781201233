package org.mlarena.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The web module talks to the components through their boundaries only. */
class WebArchitectureTest {

    private static final JavaClasses WEB = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mlarena.web");

    @Test
    void webNeverTouchesPersistenceOrBatchDirectly() {
        noClasses().that().resideInAPackage("org.mlarena.web..").should().dependOnClassesThat()
                .belongToAnyOf(jakarta.persistence.EntityManager.class, jakarta.persistence.EntityManagerFactory.class,
                        jakarta.batch.operations.JobOperator.class, jakarta.batch.runtime.BatchRuntime.class)
                .because("reads and changes go through a component's boundary, which checks access, owns the transaction and"
                        + " starts jobs; call the boundary (e.g. ExperimentService) instead")
                .check(WEB);
    }
}
