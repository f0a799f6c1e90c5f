package io.eventbank.reliability;

import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile callers against the packaged pair: tokens that are missing, malformed, unsigned, signed with the public key
 * as an HMAC secret or with a key the services do not know, from another issuer, for another audience, expired, not
 * yet valid, and roles put where the services do not read them; then customer A on customer B's account and order
 * with every command and every read, and customers and tellers on every admin endpoint. Each answer is 401, 403 or
 * 404 as API.md says, a problem that says nothing of why, and no event is written.
 */
class HostileTokensReliabilityTest {

    private static final List<String> REASONS = List.of("expire", "issuer", "audience", "signature", "jwt", "alg",
            "key", "claim", "Exception", "org.", "java.");

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair();
    private static String accountOfB;
    private static String orderOfB;
    private static HttpClientSupport customerA;
    private static HttpClientSupport customerB;

    /** A token a caller sends: its name, and the Authorization header ({@code null}: none). */
    record Hostile(String name, String authorization) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void customerBHasAnAccountAndAnOrder() {
        customerA = pair.command().http().as(TestTokens.customer("customer-a"));
        customerB = pair.command().http().as(TestTokens.customer("customer-b"));
        customerA.openAccount("Holder A");
        accountOfB = customerB.openAccount("Holder B");
        assertThat(customerB.deposit(accountOfB, "100").status()).isEqualTo(200);
        Response placed = customerB.post("/api/orders", order(accountOfB));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        orderOfB = placed.json().get("orderId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                pair.query().http().get("/api/orders/" + orderOfB).status() == 200
                && pair.query().http().get("/api/accounts/" + accountOfB).status() == 200);
    }

    static List<Hostile> badTokens() {
        Function<TestTokens.Builder, TestTokens.Builder> admin = builder -> builder.subject("intruder").roles("admin");
        return List.of(
                new Hostile("no token", null),
                new Hostile("empty bearer", "Bearer "),
                new Hostile("garbage", "Bearer garbage"),
                new Hostile("three garbage parts", "Bearer a.b.c"),
                new Hostile("basic credentials", "Basic YWRtaW46YWRtaW4="),
                new Hostile("alg none", bearer(admin.apply(TestTokens.token()).unsigned())),
                new Hostile("HS256 with the public key",
                        bearer(admin.apply(TestTokens.token()).signedWithPublicKeyAsHmacSecret())),
                new Hostile("unknown key", bearer(admin.apply(TestTokens.token()).signedByStranger().sign())),
                new Hostile("wrong issuer",
                        bearer(admin.apply(TestTokens.token()).issuer("https://evil.example/realms/eventbank").sign())),
                new Hostile("wrong audience", bearer(admin.apply(TestTokens.token()).audience("account").sign())),
                new Hostile("no audience", bearer(admin.apply(TestTokens.token()).claim("aud", null).sign())),
                new Hostile("expired", bearer(admin.apply(TestTokens.token()).expiredAgo(Duration.ofMinutes(2)).sign())),
                new Hostile("no expiry", bearer(admin.apply(TestTokens.token()).claim("exp", null).sign())),
                new Hostile("not yet valid",
                        bearer(admin.apply(TestTokens.token()).notBefore(Instant.now().plusSeconds(120)).sign())),
                new Hostile("tampered payload", bearer(tampered())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401OnBothServicesAndWritesNothing(Hostile hostile) throws SQLException {
        long events = eventCount();
        List<Response> answers = new ArrayList<>();
        answers.add(send(pair.command().http(), "POST", "/api/accounts", "{\"holderName\":\"Intruder\"}", hostile));
        answers.add(send(pair.command().http(), "POST", "/api/accounts/" + accountOfB + "/withdrawals",
                "{\"amount\":1}", hostile));
        answers.add(send(pair.query().http(), "GET", "/api/accounts", null, hostile));
        answers.add(send(pair.query().http(), "POST", "/api/admin/projections/accounts/replay", null, hostile));

        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asText()).isEqualTo("urn:problem:unauthorized");
            assertNoReasonIn(answer);
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    static List<Hostile> rolesElsewhere() {
        return List.of(
                new Hostile("roles at the top level", bearer(TestTokens.token().roles("admin").rolesAt("roles").sign())),
                new Hostile("client roles", bearer(TestTokens.token().roles("admin")
                        .rolesAt("resource_access.eventbank.roles").sign())),
                new Hostile("singular claim name", bearer(TestTokens.token().roles("admin")
                        .rolesAt("realm_access.role").sign())),
                new Hostile("as a scope", bearer(TestTokens.token().claim("scope", "admin teller").sign())),
                new Hostile("as a string, not a list", bearer(TestTokens.token()
                        .claim("realm_access", Map.of("roles", "admin")).sign())),
                new Hostile("in another case", bearer(TestTokens.token().roles("ADMIN", "Admin").sign())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rolesElsewhere")
    void rolesOutsideTheConfiguredClaimCountForNothing(Hostile hostile) throws SQLException {
        long events = eventCount();
        List<Response> answers = List.of(
                send(pair.command().http(), "POST", "/api/accounts", "{\"holderName\":\"Intruder\"}", hostile),
                send(pair.command().http(), "POST", "/api/accounts/" + accountOfB + "/deposits", "{\"amount\":1}",
                        hostile),
                send(pair.query().http(), "GET", "/api/accounts", null, hostile),
                send(pair.query().http(), "GET", "/api/admin/projections", null, hostile));

        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.json().get("type").asText()).isEqualTo("urn:problem:forbidden");
            assertNoReasonIn(answer);
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void customerAsCommandsOnBsAccountAndOrderAreAnsweredLikeMissingOnes() throws SQLException {
        String missingAccount = UUID.randomUUID().toString();
        String missingOrder = UUID.randomUUID().toString();
        long events = eventCount();
        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("deposit", new String[]{"/api/accounts/%s/deposits", "{\"amount\":1}", "account"});
        commands.put("withdraw", new String[]{"/api/accounts/%s/withdrawals", "{\"amount\":1}", "account"});
        commands.put("close", new String[]{"/api/accounts/%s/close", null, "account"});
        commands.put("place an order", new String[]{"/api/orders", null, "body"});
        commands.put("cancel", new String[]{"/api/orders/%s/cancel", null, "order"});

        for (Map.Entry<String, String[]> command : commands.entrySet()) {
            String[] spec = command.getValue();
            Response strangers;
            Response missing;
            if (spec[2].equals("body")) {
                strangers = customerA.post(spec[0], order(accountOfB));
                missing = customerA.post(spec[0], order(missingAccount));
            } else {
                String other = spec[2].equals("account") ? accountOfB : orderOfB;
                String absent = spec[2].equals("account") ? missingAccount : missingOrder;
                strangers = customerA.post(spec[0].formatted(other), spec[1]);
                missing = customerA.post(spec[0].formatted(absent), spec[1]);
            }
            assertThat(strangers.status()).as(command.getKey()).isEqualTo(404);
            assertThat(sameExceptIds(strangers.body(), missing.body(), missingAccount, missingOrder))
                    .as(command.getKey()).isTrue();
        }
        Response ship = customerA.post("/api/orders/" + orderOfB + "/ship", null);
        assertThat(ship.status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void customerAReadsNothingOfB() {
        HttpClientSupport reads = pair.query().http().as(TestTokens.customer("customer-a"));
        String missing = UUID.randomUUID().toString();
        for (String path : List.of("/api/accounts/%s", "/api/accounts/%s/transactions", "/api/orders/%s")) {
            String other = path.startsWith("/api/orders") ? orderOfB : accountOfB;
            Response strangers = reads.get(path.formatted(other));
            Response absent = reads.get(path.formatted(missing));
            assertThat(strangers.status()).as(path).isEqualTo(404);
            assertThat(strangers.body().replace(other, missing)).as(path).isEqualTo(absent.body());
        }
        assertThat(reads.get("/api/orders?accountId=" + accountOfB).json().at("/page/totalElements").asLong())
                .isZero();
        assertThat(reads.get("/api/accounts").body()).doesNotContain(accountOfB).doesNotContain("Holder B");
        assertThat(reads.get("/api/orders").body()).doesNotContain(orderOfB);
    }

    @Test
    void aStrangersAccountAnswersAsFastAsAMissingOne() {
        String missing = UUID.randomUUID().toString();
        long strangers = medianNanos(() -> customerA.deposit(accountOfB, "1"));
        long absent = medianNanos(() -> customerA.deposit(missing, "1"));

        assertThat((double) Math.max(strangers, absent) / Math.min(strangers, absent)).isLessThan(10);
    }

    @Test
    void customersAndTellersAreRefusedEveryAdminEndpoint() {
        for (String token : List.of(TestTokens.customer("customer-a"), TestTokens.teller("teller-1"))) {
            HttpClientSupport query = pair.query().http().as(token);
            HttpClientSupport command = pair.command().http().as(token);
            List<Response> answers = List.of(
                    query.get("/api/admin/projections"),
                    query.post("/api/admin/projections/accounts/replay", null),
                    query.post("/api/admin/projections/orders/replay", null),
                    query.post("/api/admin/projections/accounts/dead-letters/retry", null),
                    query.get("/api/admin/reconciliation"),
                    query.get("/actuator/metrics"),
                    query.get("/actuator/prometheus"),
                    command.get("/actuator/metrics"),
                    command.get("/actuator/prometheus"));
            for (Response answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                assertThat(answer.json().get("type").asText()).isEqualTo("urn:problem:forbidden");
            }
        }
    }

    @Test
    void aCrossSitePostWithoutTokenIs401AndCorsStaysClosed() throws SQLException {
        long events = eventCount();
        HttpClientSupport anonymous = pair.command().http().anonymous();

        Response simple = anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + "/api/accounts"))
                .header("Origin", "https://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"holderName\":\"Forged\"}")).build());
        Response preflight = anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + "/api/accounts"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        Response withToken = pair.command().http().post("/api/accounts", "{\"holderName\":\"Cross site\"}",
                "Origin", "https://evil.example");

        assertThat(simple.status()).isEqualTo(401);
        assertThat(withToken.status()).isEqualTo(201);
        for (Response answer : List.of(simple, preflight, withToken)) {
            assertThat(answer.headers().map().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT)
                    .startsWith("access-control-allow"));
        }
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    private static Response send(HttpClientSupport client, String method, String path, String json,
                                 Hostile hostile) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpClientSupport caller = client.anonymous();
        if (hostile.authorization() != null) {
            request.header("Authorization", hostile.authorization());
        }
        return caller.send(request.build());
    }

    private static void assertNoReasonIn(Response answer) {
        String challenge = answer.header("WWW-Authenticate") == null ? "" : answer.header("WWW-Authenticate");
        for (String reason : REASONS) {
            assertThat(answer.body().toLowerCase(Locale.ROOT)).doesNotContain(reason.toLowerCase(Locale.ROOT));
            assertThat(challenge.toLowerCase(Locale.ROOT)).doesNotContain(reason.toLowerCase(Locale.ROOT));
        }
    }

    private static boolean sameExceptIds(String strangers, String missing, String... missingIds) {
        String normalized = strangers.replace(accountOfB, missingIds[0]).replace(orderOfB, missingIds[1]);
        return normalized.equals(missing) || normalized.replace(missingIds[1], missingIds[0]).equals(missing)
               || normalized.replace(missingIds[0], missingIds[1]).equals(missing);
    }

    private static long medianNanos(Runnable call) {
        long[] nanos = new long[21];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2];
    }

    private static String order(String accountId) {
        return "{\"accountId\":\"" + accountId + "\",\"items\":[{\"productId\":\"sku-1\",\"quantity\":1,"
               + "\"unitPrice\":1}]}";
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A customer's valid token whose payload was changed after signing: the signature no longer matches. */
    private static String tampered() {
        String[] parts = TestTokens.customer("customer-a").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
               + "." + parts[2];
    }

    private static long eventCount() throws SQLException {
        try (Connection connection = pair.eventStoreConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
