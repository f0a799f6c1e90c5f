package io.eventbank.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a Spring test context at a database of its own, created for it and dropped when the JVM exits:
 * {@code @ContextConfiguration(initializers = FreshDatabaseInitializer.class)}. The properties of further
 * databases (e.g. the query service's event source) can be pointed at it with {@code ${test.database.url}}.
 */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = PostgresDatabases.create("it");
        String url = PostgresDatabases.jdbcUrl(database);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + PostgresDatabases.user(),
                "spring.datasource.password=" + PostgresDatabases.password(),
                "test.database.name=" + database,
                "test.database.url=" + url);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PostgresDatabases.drop(database)));
    }
}
