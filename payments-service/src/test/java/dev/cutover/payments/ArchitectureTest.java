package dev.cutover.payments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the feature packages honest. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover.payments");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.cutover.payments.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void controllersNeverTouchRepositories() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(classes);
    }

    @Test
    void moneyIsNeverAFloatingPointOrDecimalNumber() {
        noFields().should().haveRawType(double.class).orShould().haveRawType(Double.class)
                .orShould().haveRawType(float.class).orShould().haveRawType(Float.class)
                .orShould().haveRawType(BigDecimal.class)
                .check(classes);
    }

    @Test
    void onlyTheCardDataPackageReadsRawRequestBodies() {
        noClasses().that().resideOutsideOfPackage("..carddata..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.servlet.http.HttpServletRequestWrapper")
                .check(classes);
    }
}
