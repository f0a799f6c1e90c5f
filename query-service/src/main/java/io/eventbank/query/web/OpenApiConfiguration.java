package io.eventbank.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

/** The query service's OpenAPI document: every GET takes {@code Min-Event-Position} and may answer 503. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI queryServiceApi() {
        return new OpenAPI().info(new Info()
                .title("eventbank query service")
                .version("v1")
                .description("Read models of accounts and orders, their state as of any instant, statements and "
                             + "event history. Every GET takes Min-Event-Position (a command's Event-Position) to "
                             + "read its own writes. Errors are application/problem+json."));
    }

    @Bean
    GlobalOperationCustomizer readYourWritesHeader() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(GetMapping.class)) {
                operation.addParametersItem(new HeaderParameter().name(ReadYourWrites.HEADER).required(false)
                        .description(ApiDocs.MIN_EVENT_POSITION).schema(new IntegerSchema().format("int64").minimum(
                                java.math.BigDecimal.ZERO)).example(1042));
                operation.getResponses().addApiResponse("503", new ApiResponse()
                        .description(ApiDocs.NOT_YET_CONSISTENT)
                        .addHeaderObject("Retry-After", new Header().description("seconds to wait: 1")
                                .schema(new IntegerSchema()))
                        .content(new Content().addMediaType(ApiDocs.PROBLEM, new MediaType()
                                .addExamples("not-yet-consistent",
                                        new Example().value(ApiDocs.NOT_YET_CONSISTENT_EXAMPLE)))));
            }
            return operation;
        };
    }
}
