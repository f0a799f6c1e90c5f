package io.eventbank.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/** The read side owns no aggregates, sends no commands and appends no events: the event store is only read here. */
@AnalyzeClasses(packages = "io.eventbank.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ReadSideArchitectureTest {

    @ArchTest
    static final ArchRule sendsNoCommands = noClasses()
            .should().dependOnClassesThat().areAssignableTo(CommandGateway.class)
            .orShould().dependOnClassesThat().areAssignableTo(CommandBus.class)
            .because("the query service answers queries and changes nothing on the write side");

    @ArchTest
    static final ArchRule appendsNoEvents = noClasses()
            .should().dependOnClassesThat().areAssignableTo(EventGateway.class)
            .orShould().callMethodWhere(target(name("publish")).and(target(owner(assignableTo(EventBus.class)))))
            .orShould().callMethodWhere(target(nameMatching("appendEvents|storeSnapshot"))
                    .and(target(owner(assignableTo(EventStorageEngine.class)))))
            .orShould().dependOnClassesThat().areAssignableTo(AggregateLifecycle.class)
            .because("only the command service writes the event store; the query service reads it");

    @ArchTest
    static final ArchRule ownsNoAggregatesOrSagas = noClasses()
            .should().beAnnotatedWith(Aggregate.class)
            .orShould().beAnnotatedWith(AggregateRoot.class)
            .orShould().beAnnotatedWith(Saga.class)
            .because("aggregates and sagas live in the command service");

    @ArchTest
    static final ArchRule handlesNoCommands = noMethods()
            .should().beAnnotatedWith(CommandHandler.class)
            .orShould().beAnnotatedWith(EventSourcingHandler.class)
            .orShould().beAnnotatedWith(SagaEventHandler.class)
            .because("aggregates and sagas live in the command service");
}
