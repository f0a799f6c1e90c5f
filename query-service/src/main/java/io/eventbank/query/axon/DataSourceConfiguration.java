package io.eventbank.query.axon;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The two databases. The primary one ({@code spring.datasource}) holds the read models and the processors' tokens;
 * Flyway, JPA and the token store use it. The event store ({@code eventstore.datasource}) is only read, through a
 * small pool of read-only connections that no transaction of the read side ever joins.
 * <p>
 * Declaring a data source turns Boot's own off, so both are declared here.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties dataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    @Bean(defaultCandidate = false)
    @ConfigurationProperties("eventstore.datasource")
    DataSourceProperties eventStoreDataSourceProperties() {
        return new DataSourceProperties();
    }

    /** Read-only also in auto-commit mode, where the driver would otherwise let a write through. */
    @Bean(defaultCandidate = false)
    @ConfigurationProperties("eventstore.datasource.hikari")
    HikariDataSource eventStoreDataSource(
            @Qualifier("eventStoreDataSourceProperties") DataSourceProperties properties) {
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setPoolName("eventstore");
        dataSource.setReadOnly(true);
        dataSource.addDataSourceProperty("readOnlyMode", "always");
        return dataSource;
    }
}
