package org.mlarena;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of README's "Where things live", checked on the compiled classes: a rule broken fails with the class,
 * the dependency and what to do instead.
 */
class ArchitectureTest {

    /**
     * The components from the bottom up; each may use only those before it. The first six are libraries and shared
     * kinds; pipeline, accounting's consumers and platform sit on top.
     */
    static final List<String> DIRECTION = List.of("settings", "common", "numerics", "batch", "identity", "statistics", "evaluation",
            "usecase", "team", "dataset", "experiment", "submission", "leaderboard", "accounting", "pipeline", "platform");

    /** The business components (the libraries below usecase have no boundary, control and entity layers of their own). */
    static final List<String> COMPONENTS = DIRECTION.subList(DIRECTION.indexOf("identity"), DIRECTION.size());

    private static JavaClasses arena;

    @BeforeAll
    static void importClasses() {
        arena = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.mlarena");
    }

    private static Optional<String> component(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("org.mlarena.")) {
            return Optional.empty();
        }
        String rest = name.substring("org.mlarena.".length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    @Test
    void everyComponentIsInTheDirection() {
        arena.stream().map(ArchitectureTest::component).flatMap(Optional::stream).distinct().forEach(c ->
                assertTrue(DIRECTION.contains(c), "org.mlarena." + c + " is in no place of ArchitectureTest.DIRECTION (and README's"
                        + " 'Where things live'): put it where it belongs, below everything that uses it"));
    }

    @Test
    void componentsUseOnlyComponentsBelowThem() {
        ArchRule rule = classes().that().resideInAPackage("org.mlarena..").should(new ArchCondition<>("use only components below their own") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = component(origin).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> to = component(dependency.getTargetClass());
                    if (to.isPresent() && DIRECTION.indexOf(to.get()) > DIRECTION.indexOf(from)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + ": '" + from
                                + "' sits below '" + to.get() + "' and must not use it. Move the code to the component that owns the"
                                + " concept, or let '" + from + "' own an interface (or fire a CDI event) that '" + to.get()
                                + "' implements (or observes), as team.control.SubmissionAllowance does."));
                    }
                }
            }
        });
        rule.check(arena);
    }

    @Test
    void noCyclesBetweenComponents() {
        slices().matching("org.mlarena.(*)..").should().beFreeOfCycles()
                .because("a change in one component must be understandable without the ones above it").check(arena);
    }

    @Test
    void boundaryControlEntityDependOneWay() {
        noClasses().that().resideInAPackage("..control..").should().dependOnClassesThat().resideInAPackage("..boundary..")
                .because("controls serve boundaries; an entry point that controls need (a timer, a job's callback) is told by a CDI event")
                .check(arena);
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat().resideInAnyPackage("..control..", "..boundary..")
                .because("entities hold state and their own invariants, nothing that uses them").check(arena);
    }

    @Test
    void onlyBoundariesDeclareSecurityAndTransactions() {
        for (Class<? extends java.lang.annotation.Annotation> annotation : List.of(jakarta.annotation.security.RolesAllowed.class,
                jakarta.annotation.security.PermitAll.class, jakarta.annotation.security.DenyAll.class,
                jakarta.ejb.TransactionAttribute.class, jakarta.transaction.Transactional.class)) {
            classes().that().areAnnotatedWith(annotation).should().resideInAPackage("..boundary..")
                    .because("who may call and in which transaction is decided where a call enters a component: its boundary")
                    .allowEmptyShould(true).check(arena);
            methods().that().areAnnotatedWith(annotation).should().beDeclaredInClassesThat().resideInAPackage("..boundary..")
                    .because("who may call and in which transaction is decided where a call enters a component: its boundary")
                    .allowEmptyShould(true).check(arena);
        }
    }

    @Test
    void everyComponentSaysWhatItOwnsInItsPackageInfo() {
        for (String component : COMPONENTS) {
            Path info = Path.of("src/main/java/org/mlarena", component, "package-info.java");
            assertTrue(Files.isRegularFile(info), component + " has no package-info.java: write what it owns and what it may use");
        }
    }
}
