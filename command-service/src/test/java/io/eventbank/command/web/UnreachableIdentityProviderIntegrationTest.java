package io.eventbank.command.web;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the signing keys cannot be fetched (the identity provider is down), a token cannot be checked at all: that is
 * no fault of the caller's and no bug either, so the answer is 503 with {@code Retry-After}, never a 500 and never a
 * 401 that would tell a client to drop a good token. Nothing is written.
 */
class UnreachableIdentityProviderIntegrationTest extends CommandServiceIntegrationTest {

    /** A port where no JWKS answers; dynamic properties win over the test tokens' inlined ones. */
    @DynamicPropertySource
    static void noKeys(DynamicPropertyRegistry properties) {
        properties.add("eventbank.auth.jwk-set-uri",
                () -> "http://127.0.0.1:9/realms/eventbank/protocol/openid-connect/certs");
    }

    @Test
    void aTokenThatCannotBeCheckedIs503WithRetryAfterAndWritesNothing() {
        Response response = http.post("/api/accounts", "{\"holderName\": \"Kim Minji\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:unavailable");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isZero();
    }
}
