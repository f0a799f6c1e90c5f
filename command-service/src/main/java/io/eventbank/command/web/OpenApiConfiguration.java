package io.eventbank.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;

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

    /** Every command's success answer: the ETag and the Event-Position headers. */
    @Bean
    GlobalOperationCustomizer commandAnswerHeaders() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PostMapping.class) && operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject("ETag", new Header()
                                .description("the aggregate's version after the command, e.g. \"3\"")
                                .schema(new io.swagger.v3.oas.models.media.StringSchema()));
                        response.addHeaderObject(Versions.EVENT_POSITION, new Header()
                                .description("the global position of the command's last event, e.g. 1042; send "
                                             + "it as Min-Event-Position on a query-service GET to read this write")
                                .schema(new IntegerSchema().format("int64")));
                    }
                });
            }
            return operation;
        };
    }
}
