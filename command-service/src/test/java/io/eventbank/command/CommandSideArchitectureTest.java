package io.eventbank.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.eventbank.command.account.AccountOwners;
import io.eventbank.command.rules.BusinessRuleViolation;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The road of a command: controller, command gateway, aggregate. Nothing takes a shortcut to the store, and the
 * domain (aggregates, sagas, the rules they enforce) knows nothing of the web layer that maps its refusals.
 */
class CommandSideArchitectureTest {

    private static final JavaClasses COMMAND_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventbank.command");

    @Test
    void controllersOnlyTalkToTheCommandGateway() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .orShould().dependOnClassesThat().areAssignableTo(EventStore.class)
                .orShould().dependOnClassesThat().areAssignableTo(EventStorageEngine.class)
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

    /** Besides commands, one look-up: placing an order asks the account, loaded by its repository, for its owner. */
    @Test
    void aggregatesAreReachedOnlyThroughCommands() {
        noClasses().that().areNotAnnotatedWith(Aggregate.class)
                .and().areNotAssignableTo(AccountOwners.class)
                .should().dependOnClassesThat().areAnnotatedWith(Aggregate.class)
                .check(COMMAND_SIDE);
    }

    @Test
    void theDomainNeverDependsOnTheWebLayer() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .or().areAnnotatedWith(Saga.class)
                .or().areAssignableTo(BusinessRuleViolation.class)
                .or().resideInAPackage("io.eventbank.command.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eventbank.command.web..",
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(COMMAND_SIDE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.eventbank.command.(*)..").should().beFreeOfCycles().check(COMMAND_SIDE);
    }
}
