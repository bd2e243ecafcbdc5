package dev.cutover.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.math.BigDecimal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules every service keeps (STYLE: package by feature, money never a float). */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The production classes below {@code basePackage}. */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
    }

    /** The feature packages directly below {@code basePackage} do not depend on each other in a cycle. */
    public static void featurePackagesAreFreeOfCycles(JavaClasses classes, String basePackage) {
        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** No field anywhere holds money, or anything else, as a binary or decimal fraction. */
    public static void moneyIsNeverAFloatingPointOrDecimalNumber(JavaClasses classes) {
        noFields().should().haveRawType(double.class).orShould().haveRawType(Double.class)
                .orShould().haveRawType(float.class).orShould().haveRawType(Float.class)
                .orShould().haveRawType(BigDecimal.class)
                .check(classes);
    }

    /** Controllers translate HTTP; repositories are reached through their feature's services. */
    public static void controllersNeverTouchRepositories(JavaClasses classes) {
        noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should().dependOnClassesThat().areAssignableTo("org.springframework.data.repository.Repository")
                .check(classes);
    }
}
