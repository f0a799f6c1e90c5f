package io.eventbank.query.web;

import io.eventbank.identity.ApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.GetMapping;

/** The query service's OpenAPI document: every GET takes {@code Min-Event-Position} and may answer 503. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI queryServiceApi() {
        return new OpenAPI().info(new Info()
                .title("eventbank query service")
                .version("v1")
                .description("Read models of accounts, ledgers and orders, projected from the event store and "
                        + "eventually consistent with it, their state as of any instant, statements and event history; "
                        + "projection administration and reconciliation for admins. Every GET takes "
                        + "Min-Event-Position (a command's Event-Position) to read its own writes. Lists are pages "
                        + "(page 0 to 100000, size 1 to 100). Errors are application/problem+json, each with a type "
                        + "urn:problem:<name>."));
    }

    /** What the read side answers as {@code null}. */
    @Bean
    OpenApiCustomizer queryNullables() {
        return api -> {
            ApiDocumentation.nullable(api, "OrderView", "rejectionReason");
            ApiDocumentation.nullable(api, "LedgerEntryView", "orderId", "actor");
            ApiDocumentation.nullable(api, "ProjectionStatus", "activeSlot");
            ApiDocumentation.nullable(api, "SegmentStatus", "owner", "error");
            ApiDocumentation.nullable(api, "DeadLetterSequence", "eventType", "cause", "enqueuedAt", "lastTouched");
            ApiDocumentation.nullable(api, "Mismatch", "field", "expected", "actual");
        };
    }

    /**
     * {@code Min-Event-Position} on every GET; before the shared {@code ApiDocumentation}, which then documents the
     * 503 {@code not-yet-consistent} it may cause.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OperationCustomizer readYourWritesHeader() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(GetMapping.class)) {
                operation.addParametersItem(new HeaderParameter().name(ReadYourWrites.HEADER).required(false)
                        .description(ApiDocs.MIN_EVENT_POSITION).schema(new IntegerSchema().format("int64").minimum(
                                java.math.BigDecimal.ZERO)).example(1042));
            }
            return operation;
        };
    }
}
