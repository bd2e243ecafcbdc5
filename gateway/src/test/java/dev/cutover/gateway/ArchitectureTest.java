package dev.cutover.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the feature packages honest: routing decides, the others use it; nothing reaches back into config. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover.gateway");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.cutover.gateway.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void routingDependsOnNoOtherFeature() {
        noClasses().that().resideInAPackage("..gateway.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("..gateway.control..", "..gateway.edge..",
                        "..gateway.resilience..", "..gateway.metrics..", "..gateway.config..", "..gateway.problem..")
                .check(classes);
    }

    @Test
    void onlyConfigWiresBeans() {
        classes().that().areAnnotatedWith(org.springframework.context.annotation.Configuration.class)
                .should().resideInAPackage("..gateway.config..")
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnConfig() {
        noClasses().that().resideOutsideOfPackages("..gateway.config..", "dev.cutover.gateway")
                .should().dependOnClassesThat().resideInAPackage("..gateway.config..")
                .check(classes);
    }

    @Test
    void theControlPlaneDoesNotReachIntoTheRequestPath() {
        noClasses().that().resideInAPackage("..gateway.control..")
                .should().dependOnClassesThat().resideInAnyPackage("..gateway.edge..", "..gateway.resilience..")
                .check(classes);
    }

    @Test
    void nothingOnTheServletStackOrServiceKit() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "dev.cutover.kit..",
                "org.springframework.web.servlet..").check(classes);
    }
}
