package io.eventbank.command.actor;

import io.eventbank.identity.Caller;
import io.eventbank.identity.Role;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Callers for aggregate tests. */
public final class TestCallers {

    /** The customer who owns the accounts and orders of the aggregate tests. */
    public static final String OWNER = "customer-1";

    private TestCallers() {
    }

    /** A command the test sends without a caller is an admin's, so that each test says only what it checks. */
    public static <T> AggregateTestFixture<T> adminByDefault(AggregateTestFixture<T> fixture) {
        fixture.registerCommandDispatchInterceptor(messages -> (index, command) ->
                ActorMetadata.caller(command.getMetaData()).isPresent() ? command
                        : command.andMetaData(as("test-admin", Role.ADMIN)));
        return fixture;
    }

    public static MetaData as(String subject, Role role) {
        return ActorMetadata.of(new Caller(subject, role));
    }
}
