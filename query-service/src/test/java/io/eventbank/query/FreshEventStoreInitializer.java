package io.eventbank.query;

import io.eventbank.testsupport.PostgresDatabases;
import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.util.UUID;

/**
 * Gives a Spring test context an event store database of its own, migrated as the command service migrates it,
 * and points {@code eventstore.datasource} at it. With {@code test.eventstore.reader-role=true} the service
 * connects as a role that may only read it; with {@code test.eventstore.fixture=eventstore-0.1.0} it starts as that
 * fixture of test-support, an event store an old version wrote. Both are dropped when the JVM exits.
 */
class FreshEventStoreInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = PostgresDatabases.create("es");
        String url = PostgresDatabases.jdbcUrl(database);
        String fixture = context.getEnvironment().getProperty("test.eventstore.fixture");
        Flyway.configure()
                .dataSource(url, PostgresDatabases.user(), PostgresDatabases.password())
                .locations(fixture == null ? new String[]{"classpath:db/eventstore"}
                        : new String[]{"classpath:db/eventstore", "classpath:fixtures/" + fixture})
                .load()
                .migrate();
        String user = PostgresDatabases.user();
        String password = PostgresDatabases.password();
        String role = null;
        if (context.getEnvironment().getProperty("test.eventstore.reader-role", Boolean.class, false)) {
            role = database + "_reader";
            password = UUID.randomUUID().toString();
            createReader(database, role, password);
            user = role;
        }
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "eventstore.datasource.url=" + url,
                "eventstore.datasource.username=" + user,
                "eventstore.datasource.password=" + password,
                "test.eventstore.url=" + url);
        String reader = role;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PostgresDatabases.drop(database);
            if (reader != null) {
                PostgresDatabases.execute("DROP ROLE IF EXISTS " + reader);
            }
        }));
    }

    private static void createReader(String database, String role, String password) {
        PostgresDatabases.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        PostgresDatabases.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
        TestEventStore.executeAsOwner(PostgresDatabases.jdbcUrl(database),
                "GRANT USAGE ON SCHEMA public TO " + role,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
    }
}
