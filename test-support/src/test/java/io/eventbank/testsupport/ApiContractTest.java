package io.eventbank.testsupport;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract check of {@link HttpClientSupport} against a server whose document and answers the test controls:
 * what the document describes passes, every kind of drift fails with the exchange named.
 */
class ApiContractTest {

    private static final String DOCUMENT = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
             "paths": {"/api/things": {
              "get": {
               "parameters": [{"name": "owner", "in": "query", "schema": {"type": "string", "format": "uuid"}},
                              {"name": "size", "in": "query", "schema": {"type": "integer", "maximum": 100}}],
               "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                   "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}}}},
              "post": {
               "requestBody": {"required": true, "content": {"application/json": {"schema": {
                 "type": "object", "additionalProperties": false, "required": ["amount"],
                 "properties": {"amount": {"type": "number", "maximum": 10}}}}}},
               "responses": {
                 "200": {"description": "ok", "content": {"application/json": {"schema": {
                   "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}},
                 "400": {"description": "bad", "content": {"application/problem+json": {"schema": {
                   "type": "object", "properties": {"type": {"type": "string", "enum": ["urn:problem:validation"]}}}}}}
               }}}}}
            """;

    private static HttpServer server;
    private static HttpClientSupport http;
    /** What the server answers to the next POST: status, content type, body. */
    private static volatile String[] next;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/v3/api-docs", exchange -> answer(exchange, 200, "application/json", DOCUMENT));
        server.createContext("/api/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, Integer.parseInt(next[0]), next[1], next[2]);
        });
        server.start();
        http = new HttpClientSupport("http://localhost:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aDocumentedExchangePasses() {
        next = new String[]{"200", "application/json", "{\"id\":\"a\"}"};
        assertThat(http.post("/api/things", "{\"amount\":5}").status()).isEqualTo(200);
        next = new String[]{"400", "application/problem+json", "{\"type\":\"urn:problem:validation\"}"};
        assertThat(http.post("/api/things", "{\"amount\":50}").status()).isEqualTo(400);
    }

    @Test
    void queryValuesAreReadAsTheServiceReadsThem() {
        next = new String[]{"200", "application/json", "{\"id\":\"a\"}"};
        // a whole number may have leading zeros; a UUID that starts with zeros keeps them
        assertThat(http.get("/api/things?size=007&owner=057d2fc5-471b-49eb-89e2-bd739ff03d7f").status())
                .isEqualTo(200);
        assertThatThrownBy(() -> http.get("/api/things?owner=57d2fc5-471b-49eb-89e2-bd739ff03d7f"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the document refuses the request");
        assertThatThrownBy(() -> http.get("/api/things?size=0101"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the document refuses the request");
    }

    @Test
    void anUndocumentedStatusFails() {
        next = new String[]{"409", "application/problem+json", "{\"type\":\"urn:problem:conflict\"}"};
        assertThatThrownBy(() -> http.post("/api/things", "{\"amount\":5}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST http://localhost:")
                .hasMessageContaining("-> 409")
                .hasMessageContaining("Response status 409 not defined");
    }

    @Test
    void anUndocumentedProblemTypeOrBodyOrMediaTypeFails() {
        next = new String[]{"400", "application/problem+json", "{\"type\":\"urn:problem:other\"}"};
        assertThatThrownBy(() -> http.post("/api/things", "{\"amount\":50}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("urn:problem:validation");
        next = new String[]{"200", "application/json", "{\"id\":1}"};
        assertThatThrownBy(() -> http.post("/api/things", "{\"amount\":5}")).isInstanceOf(AssertionError.class);
        next = new String[]{"200", "text/plain", "{\"id\":\"a\"}"};
        assertThatThrownBy(() -> http.post("/api/things", "{\"amount\":5}")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRequestTheDocumentRefusesMustBeRefused() {
        next = new String[]{"200", "application/json", "{\"id\":\"a\"}"};
        assertThatThrownBy(() -> http.post("/api/things", "{\"amount\":50}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the document refuses the request");
        assertThatThrownBy(() -> http.post("/api/things", "{\"amount\":5,\"extra\":1}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aRequestWithoutOperationMustBeAProblem() {
        next = new String[]{"404", "application/problem+json", "{\"type\":\"urn:problem:not-found\",\"status\":404}"};
        assertThat(http.get("/api/nothing").status()).isEqualTo(404);
        next = new String[]{"404", "text/html", "<h1>Not found</h1>"};
        assertThatThrownBy(() -> http.get("/api/nothing")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("application/problem+json");
        next = new String[]{"200", "application/json", "{}"};
        assertThatThrownBy(() -> http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(http.baseUrl() + "/api/things"))
                        .method("PUT", java.net.http.HttpRequest.BodyPublishers.noBody()).build()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no such operation");
    }
}
