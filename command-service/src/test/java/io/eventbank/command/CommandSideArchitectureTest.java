package io.eventbank.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The road of a command: controller, command gateway, aggregate. Nothing takes a shortcut to the store. */
class CommandSideArchitectureTest {

    private static final JavaClasses COMMAND_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventbank.command");

    @Test
    void controllersOnlyTalkToTheCommandGateway() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .orShould().dependOnClassesThat().areAssignableTo(EventStore.class)
                .orShould().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .orShould().dependOnClassesThat().areAssignableTo(DataSource.class)
                .check(COMMAND_SIDE);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith(Aggregate.class)
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(COMMAND_SIDE);
    }

    @Test
    void aggregatesAreReachedOnlyThroughCommands() {
        noClasses().that().areNotAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().areAnnotatedWith(Aggregate.class)
                .check(COMMAND_SIDE);
    }
}
