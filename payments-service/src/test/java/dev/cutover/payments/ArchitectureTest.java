package dev.cutover.payments;

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
        classes = ArchitectureRules.productionClasses("dev.cutover.payments");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        ArchitectureRules.featurePackagesAreFreeOfCycles(classes, "dev.cutover.payments");
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
    void onlyTheCardDataPackageReadsRawRequestBodies() {
        noClasses().that().resideOutsideOfPackage("..carddata..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.servlet.http.HttpServletRequestWrapper")
                .check(classes);
    }
}
