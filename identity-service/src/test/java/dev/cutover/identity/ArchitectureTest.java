package dev.cutover.identity;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the feature packages honest: no cycles, controllers only translate, secrets stay in their packages. */
class ArchitectureTest {

    private static JavaClasses identity;

    @BeforeAll
    static void importClasses() {
        identity = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover.identity");
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("dev.cutover.identity.(*)..").should().beFreeOfCycles().check(identity);
    }

    @Test
    void controllersDoNotUseTheRepositoriesOfOtherFeatures() {
        classes().that().areAnnotatedWith(RestController.class)
                .should(useNoRepositoryOutsideTheirOwnPackage())
                .check(identity);
    }

    @Test
    void controllersDoNotUseRepositoriesAtAll() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(identity);
    }

    @Test
    void onlyTheCryptoAndKeyPackagesTouchTheCipherApi() {
        noClasses().that().resideOutsideOfPackages("..identity.crypto..", "..identity.pii..", "..identity.signingkey..")
                .should().dependOnClassesThat().resideInAPackage("javax.crypto..")
                .check(identity);
    }

    @Test
    void entitiesHaveNoPublicSetters() {
        classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should(haveNoPublicSetters())
                .check(identity);
    }

    private static ArchCondition<JavaClass> useNoRepositoryOutsideTheirOwnPackage() {
        return new ArchCondition<>("use no repository of another feature") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                controller.getDirectDependenciesFromSelf().stream()
                        .map(dependency -> dependency.getTargetClass())
                        .filter(target -> target.isAssignableTo(Repository.class))
                        .filter(target -> !target.getPackageName().equals(controller.getPackageName()))
                        .forEach(target -> events.add(SimpleConditionEvent.violated(controller,
                                controller.getName() + " uses " + target.getName() + " of another feature")));
            }
        };
    }

    private static ArchCondition<JavaClass> haveNoPublicSetters() {
        return new ArchCondition<>("have no public setters") {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                entity.getMethods().stream()
                        .filter(method -> method.getName().startsWith("set"))
                        .filter(method -> method.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                        .forEach(method -> events.add(SimpleConditionEvent.violated(entity, method.getFullName() + " is a public setter")));
            }
        };
    }
}
