package io.eventbank.command.web;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error status of API.md, as problem+json, and none of them leaves an event behind. */
class ErrorResponsesIntegrationTest extends CommandServiceIntegrationTest {

    private String accountId;
    private long eventsBefore;

    @BeforeEach
    void openAccount() {
        accountId = http.openAccount("Kim Minji");
        http.deposit(accountId, "100");
        eventsBefore = totalEvents();
    }

    private long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().has("title")).isTrue();
        assertThat(response.json().has("detail")).isTrue();
        if (type != null) {
            assertThat(response.json().get("type").asText()).isEqualTo(type);
        }
        assertThat(response.body()).doesNotContain("Exception", "at io.", "org.axonframework", "tools.jackson");
        assertThat(totalEvents()).isEqualTo(eventsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.001", "1000000000000.01", "\"ten\"", "null", "1e400"})
    void invalidAmountsAre400(String amount) {
        assertProblem(http.post("/api/accounts/" + accountId + "/deposits", "{\"amount\":" + amount + "}"), 400, null);
    }

    @Test
    void validationErrorsNameTheField() {
        Response response = http.post("/api/accounts/" + accountId + "/deposits", "{\"amount\":0}");
        assertProblem(response, 400, "urn:problem:validation");
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"amount\":", "[]", "{\"amount\":5,\"extra\":1}", "{}", ""})
    void malformedOrIncompleteBodiesAre400(String body) {
        assertProblem(http.post("/api/accounts/" + accountId + "/withdrawals", body), 400, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"holderName\":\"\"}", "{\"holderName\":\"   \"}", "{}", "{\"holderName\":5}"})
    void invalidHolderNamesAre400(String body) {
        assertProblem(http.post("/api/accounts", body), 400, null);
    }

    @Test
    void holderNameLongerThan100Is400() {
        assertProblem(http.post("/api/accounts", "{\"holderName\":\"" + "x".repeat(101) + "\"}"), 400,
                "urn:problem:validation");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"accountId\":\"%s\",\"items\":[]}",
            "{\"accountId\":\"%s\"}",
            "{\"accountId\":\"%s\",\"items\":[{\"productId\":\"sku\",\"quantity\":0,\"unitPrice\":1}]}",
            "{\"accountId\":\"%s\",\"items\":[{\"productId\":\"\",\"quantity\":1,\"unitPrice\":1}]}",
            "{\"accountId\":\"%s\",\"items\":[{\"productId\":\"sku\",\"quantity\":1,\"unitPrice\":0}]}",
            "{\"accountId\":\"%s\",\"items\":[{\"productId\":\"sku\",\"quantity\":1.5,\"unitPrice\":1}]}",
            "{\"accountId\":\"not-a-uuid\",\"items\":[{\"productId\":\"sku\",\"quantity\":1,\"unitPrice\":1}]}"})
    void invalidOrdersAre400(String template) {
        assertProblem(http.post("/api/orders", template.formatted(accountId)), 400, null);
    }

    @Test
    void invalidIdInThePathIs400WithoutEchoingIt() {
        Response response = http.post("/api/accounts/'%3B%20DROP%20TABLE/deposits", "{\"amount\":1}");
        assertProblem(response, 400, "urn:problem:invalid-request");
        assertThat(response.json().get("detail").asText()).isEqualTo("'accountId' must be a UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "00000000-0000-0000-0000-00000000000", "{00000000-0000-0000-0000-000000000000}"})
    void idsNotInCanonicalFormAre400(String id) {
        assertProblem(http.post("/api/accounts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/deposits",
                "{\"amount\":1}"), 400, "urn:problem:invalid-request");
        assertProblem(http.post("/api/orders", "{\"accountId\":\"" + id + "\",\"items\":"
                + "[{\"productId\":\"sku\",\"quantity\":1,\"unitPrice\":1}]}"), 400, "urn:problem:malformed-request");
    }

    @Test
    void aBase64IdInTheBodyIs400() {
        assertProblem(http.post("/api/orders", "{\"accountId\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"items\":"
                + "[{\"productId\":\"sku\",\"quantity\":1,\"unitPrice\":1}]}"), 400, "urn:problem:malformed-request");
    }

    @Test
    void bytesThatAreNotUtf8Are400EvenWhereTheParserWouldDecodeThem() {
        byte[] overlongSlash = {'{', '"', 'h', 'o', 'l', 'd', 'e', 'r', 'N', 'a', 'm', 'e', '"', ':', '"', 'a',
                (byte) 0xc0, (byte) 0xaf, '"', '}'};
        Response response = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/accounts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overlongSlash)).build());
        assertProblem(response, 400, "urn:problem:malformed-request");
        assertThat(response.json().get("detail").asText()).isEqualTo("the body is not valid UTF-8");
    }

    @Test
    void aDeclaredCharsetOtherThanUtf8IsStillRead() {
        Response response = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/accounts"))
                .header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"holderName\":\"Jos\u00e9\"}", StandardCharsets.ISO_8859_1))
                .build());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT event_data->>'holderName' FROM events WHERE aggregate_id = ?::uuid",
                String.class, response.json().get("accountId").asText())).isEqualTo("Jos\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"holderName\":\"a\\u0000b\"}", "{\"holderName\":\"a\\ud800b\"}",
            "{\"holderName\":\"tab\\there\"}", "{\"holderName\":\"\\u001b[31mred\"}"})
    void namesWithControlCharactersOrUnpairedSurrogatesAre400(String body) {
        assertProblem(http.post("/api/accounts", body), 400, "urn:problem:validation");
    }

    @Test
    void productIdsWithControlCharactersAre400() {
        assertProblem(http.post("/api/orders", "{\"accountId\":\"" + accountId + "\",\"items\":"
                + "[{\"productId\":\"sku\\u0000\",\"quantity\":1,\"unitPrice\":1}]}"), 400, "urn:problem:validation");
    }

    @Test
    void aFieldGivenTwiceIs400() {
        assertProblem(http.post("/api/accounts/" + accountId + "/deposits", "{\"amount\":5,\"amount\":6}"), 400,
                "urn:problem:malformed-request");
    }

    @Test
    void aQuantityOutOfRangeIs400() {
        Response response = http.post("/api/orders", "{\"accountId\":\"" + accountId + "\",\"items\":"
                + "[{\"productId\":\"sku\",\"quantity\":123456789012345678901234567890,\"unitPrice\":1}]}");
        assertProblem(response, 400, "urn:problem:malformed-request");
        assertThat(response.json().get("detail").asText()).isEqualTo("a number in the body is out of range");
    }

    @Test
    void aBodyLargerThanTheLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        String padded = "{\"amount\":1" + " ".repeat(70 * 1024) + "}";
        assertProblem(http.post("/api/accounts/" + accountId + "/deposits", padded), 413,
                "urn:problem:content-too-large");
        Response chunked = http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/accounts/" + accountId + "/deposits"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)))).build());
        assertProblem(chunked, 413, "urn:problem:content-too-large");
        assertThat(http.deposit(accountId, "1").status()).as("a body within the limit").isEqualTo(200);
    }

    @Test
    void unknownAccountIs404() {
        assertProblem(http.post("/api/accounts/" + UUID.randomUUID() + "/deposits", "{\"amount\":1}"), 404,
                "urn:problem:not-found");
    }

    @Test
    void unknownOrderIs404() {
        assertProblem(http.post("/api/orders/" + UUID.randomUUID() + "/ship", null), 404, "urn:problem:not-found");
    }

    @Test
    void staleIfMatchIs412() {
        assertProblem(http.post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":1}", "If-Match", "\"0\""),
                412, "urn:problem:version-mismatch");
    }

    @Test
    void currentIfMatchIsAccepted() {
        Response response = http.post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":1}",
                "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void malformedIfMatchIs400() {
        assertProblem(http.post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":1}", "If-Match", "\"abc\""),
                400, null);
    }

    @Test
    void nonJsonBodyIs415() {
        Response response = http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/accounts/" + accountId + "/deposits"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("amount=5")).build());
        assertProblem(response, 415, "urn:problem:unsupported-media-type");
    }

    @Test
    void businessRuleRefusalsAre422WithTheRuleAsType() {
        assertProblem(http.withdraw(accountId, "1000"), 422, "urn:problem:insufficient-funds");
        assertProblem(http.post("/api/accounts/" + accountId + "/close", null), 422, "urn:problem:non-zero-balance");
    }
}
