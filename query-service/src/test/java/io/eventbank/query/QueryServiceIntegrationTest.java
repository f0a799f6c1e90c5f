package io.eventbank.query;

import io.eventbank.testsupport.FreshDatabaseInitializer;
import io.eventbank.testsupport.TestTokensInitializer;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole query service on a random port, with a fresh read-model database and a fresh event store of its own,
 * closed after the test class so that no two classes share state. It trusts {@code TestTokens}; the
 * {@code RestTestClient} sends an admin's token unless a request names its own. Tests append to the event store through the
 * {@link TestEventStore} bean.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eventbank.projections.fetch-delay=50ms",
                // a poll that is not there yet is no failure to report
                "logging.level.org.springframework.test.web.servlet.client.ExchangeResult=OFF"})
@ContextConfiguration(initializers = {FreshDatabaseInitializer.class, FreshEventStoreInitializer.class,
        TestTokensInitializer.class})
@AutoConfigureRestTestClient
@Import({TestEventStore.class, AdminTokenClient.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@interface QueryServiceIntegrationTest {
}
