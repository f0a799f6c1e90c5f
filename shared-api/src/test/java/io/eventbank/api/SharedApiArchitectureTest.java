package io.eventbank.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** shared-api is a library of messages: records and enums, free of Spring and JPA. */
class SharedApiArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventbank.api");

    @Test
    void noSpringNoJpa() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");
        rule.check(API);
    }

    @Test
    void messagesAreRecordsOrEnums() {
        ArchRule rule = classes().that().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should().beRecords().orShould().beEnums();
        rule.check(API);
    }
}
