package io.eventbank.query.web;

import io.eventbank.identity.ApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI queryServiceApi() {
        return new OpenAPI().info(new Info()
                .title("eventbank query service")
                .version("v1")
                .description("Read models of accounts, ledgers and orders, projected from the event store and "
                        + "eventually consistent with it; projection administration and reconciliation for admins. "
                        + "Lists are pages (page 0 to 100000, size 1 to 100). Errors are application/problem+json, "
                        + "each with a type urn:problem:<name>."));
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
}
