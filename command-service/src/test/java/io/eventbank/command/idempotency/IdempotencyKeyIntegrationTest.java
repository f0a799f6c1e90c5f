package io.eventbank.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.command.support.RivalWriter;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.RawHttp;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md, "Retry-safe commands": each rule of Idempotency-Key against the service on real PostgreSQL. */
class IdempotencyKeyIntegrationTest extends CommandServiceIntegrationTest {

    private static final String KEY = "Idempotency-Key";

    @Autowired
    private DataSource dataSource;
    @Autowired
    private IdempotencyKeys keys;

    private String accountId;
    private String key;

    @BeforeEach
    void openAccount() {
        accountId = http.openAccount("Kim Minji");
        key = UUID.randomUUID().toString();
    }

    private long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private long accountsOpened() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.AccountOpened'",
                Long.class);
    }

    private Response deposit(String amount, String idempotencyKey) {
        return http.post("/api/accounts/" + accountId + "/deposits", "{\"amount\":" + amount + "}", KEY, idempotencyKey);
    }

    @Test
    void aRepeatedCreateAnswersTheFirstAnswerWithoutOpeningASecondAccount() {
        long before = accountsOpened();
        Response first = http.post("/api/accounts", "{\"holderName\":\"Lee Jun\"}", KEY, key);
        Response repeat = http.post("/api/accounts", "{\"holderName\":\"Lee Jun\"}", KEY, key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(accountsOpened()).isEqualTo(before + 1);
    }

    @Test
    void aRepeatedDepositIsAnsweredAgainWithoutRunning() {
        Response first = deposit("10", key);
        long events = totalEvents();
        Response repeat = deposit("10", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("ETag")).isEqualTo(first.header("ETag")).isEqualTo("\"1\"");
        assertThat(totalEvents()).isEqualTo(events);
        assertThat(eventCount(accountId)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndRunsNothing() {
        deposit("10", key);
        long events = totalEvents();

        Response otherBody = deposit("11", key);
        Response otherPath = http.post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":10}", KEY, key);

        for (Response response : List.of(otherBody, otherPath)) {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).isEqualTo("urn:problem:idempotency-key-reused");
        }
        assertThat(totalEvents()).isEqualTo(events);
    }

    @Test
    void keysBelongToTheirCaller() {
        HttpClientSupport customer = http.as(TestTokens.customer("customer-" + key));
        Response mine = http.post("/api/accounts", "{\"holderName\":\"Lee Jun\"}", KEY, key);
        Response theirs = customer.post("/api/accounts", "{\"holderName\":\"Lee Jun\"}", KEY, key);

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("accountId")).isNotEqualTo(mine.json().get("accountId"));
    }

    @Test
    void aRefusalStoresNothingSoTheRetryRunsAgain() {
        Response refused = http.post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":10}", KEY, key);
        http.deposit(accountId, "10");
        Response retried = http.post("/api/accounts/" + accountId + "/withdrawals", "{\"amount\":10}", KEY, key);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:problem:insufficient-funds");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void aRepeatWhileTheFirstRunsIs409AndTheCommandRunsOnce() throws Exception {
        AtomicReference<Response> meanwhile = new AtomicReference<>();
        Response first = new RivalWriter(dataSource).holdDuring(accountId, () -> deposit("10", key),
                () -> meanwhile.set(deposit("10", key)));
        Response after = deposit("10", key);

        assertThat(meanwhile.get().status()).as(meanwhile.get().body()).isEqualTo(409);
        assertThat(meanwhile.get().json().get("type").asText()).isEqualTo("urn:problem:idempotency-key-in-use");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(first.body());
        assertThat(eventCount(accountId)).isEqualTo(2);
    }

    @Test
    void concurrentIdenticalRequestsRunOnce() {
        List<CompletableFuture<Response>> requests = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> deposit("10", key))).toList();
        List<Response> responses = requests.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isIn(200, 409));
        assertThat(responses).filteredOn(response -> response.status() == 200)
                .isNotEmpty()
                .allSatisfy(response -> assertThat(response.header("ETag")).isEqualTo("\"1\""));
        assertThat(eventCount(accountId)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\tinside"})
    void aKeyThatIsNotVisibleAsciiIs400(String invalid) {
        Response response = deposit("10", invalid);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount(accountId)).isEqualTo(1);
    }

    @Test
    void aKeyOfOtherThanAsciiBytesIs400() {
        int port = URI.create(http.baseUrl()).getPort();
        RawHttp.Response response = RawHttp.send(port, "POST", "/api/accounts/" + accountId + "/close",
                "Idempotency-Key: caf\u00e9");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(eventCount(accountId)).isEqualTo(1);
    }

    @Test
    void aKeyOf255CharactersIsTakenAndOf256Refused() {
        assertThat(deposit("10", "k".repeat(255)).status()).isEqualTo(200);
        assertThat(deposit("10", "k".repeat(256)).status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentNamesTheKeyAndItsRefusalsOnEveryCommand() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");
        List<JsonNode> commands = new ArrayList<>();
        paths.properties().forEach(path -> {
            if (path.getKey().startsWith("/api/") && path.getValue().has("post")) {
                commands.add(path.getValue().get("post"));
            }
        });

        assertThat(commands).hasSize(7).allSatisfy(command -> {
            assertThat(command.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
            assertThat(command.get("responses").get("409").get("description").asText())
                    .contains("urn:problem:idempotency-key-in-use");
            assertThat(command.get("responses").get("422").get("description").asText())
                    .contains("urn:problem:idempotency-key-reused");
        });
    }

    @Test
    void anExpiredKeyIsPurgedAndMayBeUsedAgain() {
        deposit("10", key);
        jdbc.update("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?", key);

        Response reused = deposit("11", key);
        assertThat(reused.status()).as(reused.body()).isEqualTo(200);
        assertThat(eventCount(accountId)).isEqualTo(3);

        String old = UUID.randomUUID().toString();
        deposit("12", old);
        jdbc.update("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?", old);
        keys.purgeExpired();
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM idempotency_key", String.class))
                .contains(key).doesNotContain(old);
    }
}
