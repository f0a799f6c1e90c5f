package io.eventbank.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real HTTP client for the service under test, answering status, headers and the JSON body. It sends an admin's
 * {@link TestTokens test token} unless made {@link #as(String) with another} or {@link #anonymous() with none}, or a
 * request names its own {@code Authorization}. Every exchange is checked against the service's live OpenAPI
 * document ({@link ApiContract}): one the document does not describe fails the test.
 */
public final class HttpClientSupport {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final ApiContract contract;

    public HttpClientSupport(int port) {
        this("http://localhost:" + port);
    }

    public HttpClientSupport(String baseUrl) {
        this(baseUrl, TestTokens.admin(), new ApiContract(baseUrl));
    }

    /** A client of a service whose document {@code contract} holds, so that it is fetched once per service. */
    HttpClientSupport(String baseUrl, ApiContract contract) {
        this(baseUrl, TestTokens.admin(), contract);
    }

    private HttpClientSupport(String baseUrl, String token, ApiContract contract) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.contract = contract;
    }

    /** The same service, called with {@code token}. */
    public HttpClientSupport as(String token) {
        return new HttpClientSupport(baseUrl, token, contract);
    }

    /**
     * The same service reached at another address (its management port), called with the same token and checked
     * against the same document.
     */
    public HttpClientSupport at(String otherBaseUrl) {
        return new HttpClientSupport(otherBaseUrl, token, contract);
    }

    /** The same service, called without a token. */
    public HttpClientSupport anonymous() {
        return new HttpClientSupport(baseUrl, null, contract);
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response post(String path, String json, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(withHeaders(request, headerPairs).build());
    }

    public Response get(String path, String... headerPairs) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .GET(), headerPairs).build());
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headerPairs) {
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.setHeader(headerPairs[i], headerPairs[i + 1]);
        }
        return request;
    }

    /**
     * Sends the request, with this client's token unless it names its own {@code Authorization}, and checks the
     * exchange against the service's OpenAPI document.
     */
    public Response send(HttpRequest request) {
        HttpRequest authorized = token == null || request.headers().firstValue("Authorization").isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true)
                        .setHeader("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<String> response = CLIENT.send(authorized, HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(), response.headers(), response.body());
            contract.check(authorized, ApiContract.body(authorized), answer);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens an account and answers its id. */
    public String openAccount(String holderName) {
        Response response = post("/api/accounts", "{\"holderName\":\"" + holderName + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("open failed: " + response);
        }
        return response.json().get("accountId").asText();
    }

    public Response deposit(String accountId, String amount) {
        return post("/api/accounts/" + accountId + "/deposits", "{\"amount\":" + amount + "}");
    }

    public Response withdraw(String accountId, String amount) {
        return post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":" + amount + "}");
    }
}
