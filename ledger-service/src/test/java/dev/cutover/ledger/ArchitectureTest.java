package dev.cutover.ledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cutover.testsupport.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the feature packages honest. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.productionClasses("dev.cutover.ledger");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        ArchitectureRules.featurePackagesAreFreeOfCycles(classes, "dev.cutover.ledger");
    }

    @Test
    void controllersNeverTouchRepositories() {
        ArchitectureRules.controllersNeverTouchRepositories(classes);
    }

    @Test
    void moneyIsNeverAFloatingPointOrDecimalNumber() {
        ArchitectureRules.moneyIsNeverAFloatingPointOrDecimalNumber(classes);
    }

    @Test
    void theDomainDoesNotDependOnTheWebLayer() {
        noClasses().that().haveSimpleNameNotEndingWith("Controller").and().haveSimpleNameNotEndingWith("View")
                .and().haveSimpleNameNotEndingWith("List").and().resideInAnyPackage("dev.cutover.ledger.account", "dev.cutover.ledger.entry")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.web..")
                .check(classes);
    }
}
