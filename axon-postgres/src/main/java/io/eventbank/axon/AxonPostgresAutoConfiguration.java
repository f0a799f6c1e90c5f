package io.eventbank.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * What both services need so that Axon runs on PostgreSQL through plain JDBC:
 * <ul>
 *     <li>the Jackson 2 {@code ObjectMapper} of Axon's serializer (Boot 4 only configures Jackson 3): it reads
 *     private fields, so aggregates snapshot and sagas persist without getters, and it ignores unknown properties,
 *     so an event that gained a field still reads in an older service;</li>
 *     <li>the snake_case token and dead-letter schemas of the Flyway migrations;</li>
 *     <li>connections taken from the Spring transaction of the current thread, so a token, a saga and whatever a
 *     handler writes commit together;</li>
 *     <li>Spring's transaction manager, the JDBC token store and the transaction manager defined here explicitly:
 *     Axon 4.13's own auto-configuration orders itself after Boot 3's class names, so under Boot 4 its conditions
 *     can run before the data source exists and silently fall back to in-memory tokens and no transactions;</li>
 *     <li>handler errors propagated to the processor, which rolls back and retries with back-off, instead of
 *     Axon's default of logging the error and skipping the event.</li>
 * </ul>
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"},
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class, TransactionAutoConfiguration.class,
                NoOpTransactionAutoConfiguration.class})
public class AxonPostgresAutoConfiguration {

    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return axonObjectMapper();
    }

    /** The object mapper of Axon's serializer, also for tools and tests that read stored payloads. */
    public static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(AxonSchemas.tokenSchema())
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .build();
    }

    /** Old stores' events in today's shapes: Axon puts every upcaster bean in the services' upcaster chain. */
    @Bean
    public OwnerAddedUpcaster ownerAddedUpcaster() {
        return new OwnerAddedUpcaster();
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return AxonSchemas.deadLetterSchema();
    }

    /**
     * Every event handled with its correlation id in the log lines and in its request's trace. Not a bean of its own:
     * Axon's interceptor auto-configuration would register an interceptor bean a second time.
     */
    @Bean
    public ConfigurerModule tracedEventHandling(ObjectProvider<Tracer> tracer) {
        TracedHandling tracedHandling = new TracedHandling(tracer.getIfAvailable(() -> Tracer.NOOP));
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processor) -> tracedHandling);
    }

    /** Every command handled likewise. */
    @Bean
    public InitializingBean tracedCommandHandling(CommandBus commandBus, ObjectProvider<Tracer> tracer) {
        return () -> commandBus.registerHandlerInterceptor(new TracedHandling(tracer.getIfAvailable(() -> Tracer.NOOP)));
    }

    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
