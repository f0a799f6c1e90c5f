package io.eventbank.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.RawHttp;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI documents of both services as clients get them: each passes Redocly's recommended rules (run with
 * {@code npx}, at the version the build pins), and what the framework answers by itself, outside any documented
 * operation, is a problem with a type like every other error. (Every exchange of every suite is also checked
 * against the documents, by {@link HttpClientSupport}.)
 */
class ApiDocumentsE2ETest {

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair();

    @Test
    void bothDocumentsPassRedoclysRecommendedRules() throws Exception {
        Path directory = Path.of(System.getProperty("e2e.openApiDir", "target/openapi"));
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of(npx(), "--yes",
                System.getProperty("e2e.redoclyCli", "@redocly/cli@latest"), "lint", "--format=stylish"));
        for (Map.Entry<String, ServiceProcess> service : Map.of("command-service", pair.command(),
                "query-service", pair.query()).entrySet()) {
            Response document = service.getValue().http().get("/v3/api-docs");
            assertThat(document.status()).isEqualTo(200);
            JsonNode api = document.json();
            assertThat(api.path("openapi").asText()).as("the validator of the tests reads OpenAPI 3.0").startsWith("3.0");
            assertThat(api.path("info").path("title").asText()).startsWith("eventbank ");
            Path file = directory.resolve(service.getKey() + ".json");
            Files.writeString(file, document.body());
            command.add(file.toString());
        }
        ProcessBuilder lint = new ProcessBuilder(command).redirectErrorStream(true);
        lint.environment().putAll(Map.of("NPM_CONFIG_UPDATE_NOTIFIER", "false", "NPM_CONFIG_FUND", "false",
                "NPM_CONFIG_AUDIT", "false", "REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"));
        Process process = lint.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("redocly lint of %s:\n%s", directory, output).isZero();
    }

    @Test
    void whatTheFrameworkAnswersIsAProblemOnBothServices() {
        for (ServiceProcess service : List.of(pair.command(), pair.query())) {
            HttpClientSupport http = service.http();
            assertProblem(http.get("/api/no-such-thing"), 404, "urn:problem:not-found");
            assertProblem(http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/accounts"))
                    .DELETE().build()), 405, "urn:problem:method-not-allowed");

            RawHttp.Response trace = RawHttp.send(service.port(), "TRACE", "/api/accounts");
            assertRawProblem(trace, 405);
            RawHttp.Response tooLarge = RawHttp.send(service.port(), "GET", "/api/accounts",
                    "X-Padding: " + "x".repeat(20_000));
            assertRawProblem(tooLarge, 400);
        }
        assertProblem(pair.query().http().get("/api/accounts", "Accept", "text/html"), 406,
                "urn:problem:not-acceptable");
        assertProblem(pair.query().http().get("/api/accounts/not-a-uuid"), 400, "urn:problem:invalid-request");
        HttpClientSupport commands = pair.command().http();
        assertProblem(commands.send(HttpRequest.newBuilder(URI.create(commands.baseUrl() + "/api/accounts"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build()),
                415, "urn:problem:unsupported-media-type");
        assertProblem(commands.post("/api/accounts", "{\"holderName\":\"Kim\"}", "Accept", "text/html"), 406,
                "urn:problem:not-acceptable");
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo(type);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }

    private static void assertRawProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.head()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.head()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:problem:");
    }

    /** npx, which runs the pinned linter; the build needs Node.js for it. */
    private static String npx() {
        String name = System.getProperty("os.name").startsWith("Windows") ? "npx.cmd" : "npx";
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        return fail("npx is not on the PATH: the OpenAPI documents are linted with Redocly's CLI, run by npx. "
                    + "Install Node.js 18 or newer (with npm), e.g. apt-get install nodejs npm");
    }
}
