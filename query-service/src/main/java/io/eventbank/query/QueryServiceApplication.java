package io.eventbank.query;

import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Axon's JPA auto-configurations stay off: they would put Axon's own entities and a JPA token and event store on
 * the read-model database, where the JDBC token store and the read models live.
 */
@ConfigurationPropertiesScan
@SpringBootApplication(exclude = {JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class})
public class QueryServiceApplication {

    public static void main(String[] args) {
        // AxonIQ's update checker phones home on start; off unless explicitly switched back on
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
