package io.eventbank.command.web;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.Test;

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
}
