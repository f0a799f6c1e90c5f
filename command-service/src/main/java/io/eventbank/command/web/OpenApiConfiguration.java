package io.eventbank.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI commandServiceApi() {
        return new OpenAPI().info(new Info()
                .title("eventbank command service")
                .version("v1")
                .description("Commands on event-sourced accounts and orders. Every success answers the aggregate's "
                        + "version, also as ETag, and the global position of the command's last event as "
                        + "Event-Position, which a read on the query service may name in Min-Event-Position to see "
                        + "the command's effect; every command takes an optional If-Match. Errors are "
                        + "application/problem+json."));
    }
}
