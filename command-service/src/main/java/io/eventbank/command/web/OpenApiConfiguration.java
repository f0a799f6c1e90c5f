package io.eventbank.command.web;

import io.eventbank.identity.ApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

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
                        + "the command's effect; every command on an existing aggregate takes an optional If-Match. "
                        + "Errors are application/problem+json, each with a type urn:problem:<name>."));
    }

    /** {@code If-Match} as {@link Versions} reads it. */
    @Bean
    OperationCustomizer ifMatchHeader() {
        return (operation, handler) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().stream()
                        .filter(parameter -> HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName()))
                        .forEach(parameter -> parameter
                                .description("the version the command expects, as the ETag gave it (e.g. \"3\"); "
                                        + "412 when the aggregate is at another; absent or * for any")
                                .schema(new StringSchema().pattern(Versions.IF_MATCH_PATTERN)));
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer commandNullables() {
        return api -> ApiDocumentation.nullable(api, "PublisherStatus", "lastError");
    }
}
