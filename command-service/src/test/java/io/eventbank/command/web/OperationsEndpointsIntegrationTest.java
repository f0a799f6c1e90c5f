package io.eventbank.command.web;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Health for orchestrators, OpenAPI for people. */
class OperationsEndpointsIntegrationTest extends CommandServiceIntegrationTest {

    @Test
    void healthAndReadinessAreUp() {
        assertThat(http.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void openApiDescribesTheCommands() {
        Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("info").get("title").asText()).isEqualTo("eventbank command service");
        assertThat(docs.json().get("paths").has("/api/accounts/{accountId}/withdrawals")).isTrue();
        assertThat(docs.json().get("paths").has("/api/orders/{orderId}/cancel")).isTrue();
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void openApiStatesTheBoundsOfEveryRequest() {
        JsonNode schemas = http.get("/v3/api-docs").json().get("components").get("schemas");
        JsonNode amount = schemas.get("AmountRequest").get("properties").get("amount");
        assertThat(amount.get("minimum").asText()).isEqualTo("0");
        assertThat(amount.get("exclusiveMinimum").asBoolean()).isTrue();
        assertThat(amount.get("multipleOf").asText()).isEqualTo("0.01");
        assertThat(amount.get("maximum").asText()).isEqualTo("1000000000000");
        assertThat(schemas.get("AmountRequest").get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schemas.get("OpenAccountRequest").get("properties").get("holderName").get("maxLength").asInt())
                .isEqualTo(100);
        JsonNode items = schemas.get("PlaceOrderRequest").get("properties").get("items");
        assertThat(items.get("minItems").asInt()).isEqualTo(1);
        assertThat(items.get("maxItems").asInt()).isEqualTo(100);
        assertThat(schemas.get("PlaceOrderRequest").get("description").asText()).contains("1000000000000");
        JsonNode item = schemas.get("OrderItemRequest");
        assertThat(item.get("description").asText()).contains("quantity × unitPrice is at most 1000000000000");
        assertThat(item.get("properties").get("productId").get("minLength").asInt()).isEqualTo(1);
        assertThat(item.get("properties").get("productId").get("maxLength").asInt()).isEqualTo(100);
        assertThat(item.get("properties").get("quantity").get("minimum").asInt()).isEqualTo(1);
        assertThat(item.get("properties").get("quantity").get("maximum").asInt()).isEqualTo(1_000_000);
        assertThat(item.get("properties").get("unitPrice").get("maximum").asText()).isEqualTo("1000000000000");
        assertThat(item.get("properties").get("unitPrice").get("multipleOf").asText()).isEqualTo("0.01");
        assertThat(item.get("properties").get("productId").get("pattern").asText())
                .as("a pattern every JSON Schema validator reads").doesNotContain("\\p{");
    }
}
