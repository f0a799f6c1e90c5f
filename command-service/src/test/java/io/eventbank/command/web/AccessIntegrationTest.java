package io.eventbank.command.web;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what on the command side: API.md's role × operation table, as far as roles alone decide it. */
class AccessIntegrationTest extends CommandServiceIntegrationTest {

    private static final String OPEN = "{\"holderName\":\"Kim Minji\"}";

    @Test
    void aCommandWithoutTokenIs401WithABearerChallengeAndWritesNothing() {
        long events = totalEvents();
        Response response = http.anonymous().post("/api/accounts", OPEN);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:unauthorized");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(totalEvents()).isEqualTo(events);
    }

    @Test
    void aBadTokenIs401AndTheAnswerDoesNotSayWhy() {
        Response response = http.as(TestTokens.token().roles("admin").expiredAgo(Duration.ofMinutes(2)).sign())
                .post("/api/accounts", OPEN);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(response.body()).doesNotContainIgnoringCase("expire").doesNotContainIgnoringCase("jwt");
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        Response response = http.as(TestTokens.token().roles("admin").expiredAgo(Duration.ofSeconds(10)).sign())
                .post("/api/accounts", OPEN);

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void eachRoleMayOpenAccountsAsTheTableSays() {
        assertThat(http.as(TestTokens.customer("c-open")).post("/api/accounts", OPEN).status()).isEqualTo(201);
        assertThat(http.as(TestTokens.teller("t-open")).post("/api/accounts", OPEN).status()).isEqualTo(403);
        assertThat(http.post("/api/accounts", OPEN).status()).isEqualTo(201);
    }

    @Test
    void aTellerMayNeitherCloseAccountsNorPlaceOrdersButMayShipAndDeposit() {
        HttpClientSupport teller = http.as(TestTokens.teller("t-1"));
        String account = http.openAccount("Kim Minji");

        assertThat(teller.post("/api/accounts/" + account + "/close", null).status()).isEqualTo(403);
        assertThat(teller.post("/api/orders", "{\"accountId\":\"" + account + "\",\"items\":[{\"productId\":\"sku-1\","
                                               + "\"quantity\":1,\"unitPrice\":1}]}").status()).isEqualTo(403);
        assertThat(teller.deposit(account, "5").status()).isEqualTo(200);
        assertThat(teller.post("/api/orders/" + UUID.randomUUID() + "/ship", null).status()).isEqualTo(404);
    }

    @Test
    void aCustomerMayNotShip() {
        Response response = http.as(TestTokens.customer("c-ship")).post("/api/orders/" + UUID.randomUUID() + "/ship",
                null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:forbidden");
    }

    @Test
    void theStrongestRoleActs() {
        String customerAndTeller = TestTokens.token().subject("ct").roles("customer", "teller").sign();

        assertThat(http.as(customerAndTeller).post("/api/accounts", OPEN).status()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutAnyOfTheRolesIs403() {
        assertThat(http.as(TestTokens.token().sign()).post("/api/accounts", OPEN).status()).isEqualTo(403);
        assertThat(http.as(TestTokens.token().roles("superuser").sign()).post("/api/accounts", OPEN).status())
                .isEqualTo(403);
    }

    @Test
    void rolesCountOnlyInTheConfiguredClaim() {
        String injected = TestTokens.token().roles("admin").rolesAt("roles").sign();
        String elsewhere = TestTokens.token().roles("admin").rolesAt("resource_access.eventbank.roles").sign();

        assertThat(http.as(injected).post("/api/accounts", OPEN).status()).isEqualTo(403);
        assertThat(http.as(elsewhere).post("/api/accounts", OPEN).status()).isEqualTo(403);
    }

    @Test
    void healthAndTheApiDocumentArePublicAndOfferTheBearerScheme() {
        HttpClientSupport anonymous = http.anonymous();

        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
        Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(docs.json().at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void otherActuatorEndpointsAreForAdminsOnly() {
        assertThat(http.anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(http.as(TestTokens.customer("c-metrics")).get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(http.as(TestTokens.teller("t-metrics")).get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(http.get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void aCrossSitePostWithoutTokenIs401AndNoOriginIsAllowed() {
        Response post = http.anonymous().post("/api/accounts", OPEN, "Origin", "https://evil.example");
        Response preflight = http.anonymous().send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/accounts"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build());

        assertThat(post.status()).isEqualTo(401);
        assertThat(post.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void aPathTheFirewallRefusesIsAProblemThatDoesNotEchoIt() {
        Response response = http.post("/api/accounts/%25DROP/deposits", "{\"amount\":1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:invalid-request");
        assertThat(response.body()).doesNotContain("DROP");
    }

    private long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
