package io.eventbank.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md, "Operations": both services of a running pair expose Prometheus metrics, for admins on the service port
 * and without authentication on {@code MANAGEMENT_SERVER_PORT}, with Axon's message monitors, the command side's
 * event-store head, and the query side's projection lag, which rises while a projection is held up and returns to 0.
 */
class MetricsE2ETest {

    private static final int COMMAND_MANAGEMENT_PORT = freePort();
    private static final int QUERY_MANAGEMENT_PORT = freePort();

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair()
            .withCommandEnvironment(Map.of("MANAGEMENT_SERVER_PORT", String.valueOf(COMMAND_MANAGEMENT_PORT)))
            .withQueryEnvironment(Map.of("MANAGEMENT_SERVER_PORT", String.valueOf(QUERY_MANAGEMENT_PORT)));

    private static HttpClientSupport commands;

    @BeforeAll
    static void connect() {
        commands = pair.command().http();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Prometheus reads from a replica: its management port, no token. */
    static String scrape(int managementPort) {
        Response response = new HttpClientSupport(managementPort).anonymous().get("/actuator/prometheus");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    static String scrapeCommand() {
        return scrape(COMMAND_MANAGEMENT_PORT);
    }

    static String scrapeQuery() {
        return scrape(QUERY_MANAGEMENT_PORT);
    }

    /** The value of the series of {@code metric} whose labels include {@code labels}, if there is one. */
    static Optional<Double> value(String exposition, String metric, String labels) {
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{(.*)} (\\S+)$").matcher(exposition);
        while (series.find()) {
            if (series.group(1).contains(labels)) {
                return Optional.of(Double.parseDouble(series.group(2)));
            }
        }
        return Optional.empty();
    }

    @Test
    void theServicePortServesMetricsToAdminsOnly() {
        HttpClientSupport command = pair.command().http();
        assertThat(command.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(command.as(TestTokens.customer("customer-m")).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(command.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(pair.query().http().get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(pair.query().http().anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    void theManagementPortServesHealthAndMetricsAndNothingElse() {
        HttpClientSupport internal = pair.command().http().at("http://localhost:" + COMMAND_MANAGEMENT_PORT).anonymous();
        assertThat(internal.get("/actuator/health").status()).isEqualTo(200);
        assertThat(internal.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(internal.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(internal.post("/api/accounts", "{\"holderName\": \"Nobody\"}").status()).isEqualTo(401);
        HttpClientSupport admin = pair.query().http().at("http://localhost:" + QUERY_MANAGEMENT_PORT);
        assertThat(admin.get("/api/accounts").status()).as("not even with a token").isEqualTo(403);
    }

    @Test
    void theCommandSideCountsCommandsByTypeAndErrorsByProblemType() {
        String account = commands.openAccount("Metrics Holder");
        commands.deposit(account, "10");
        assertThat(commands.withdraw(account, "1000").status()).isEqualTo(422);

        // an HTTP request is counted once its observation ends, a moment after the answer has left
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(value(scrapeCommand(),
                "http_server_requests_seconds_count", "problem=\"urn:problem:insufficient-funds\""))
                .hasValue(1.0));
        String exposition = scrapeCommand();
        assertThat(value(exposition, "commandBus_successCounter_total", "payloadType=\"DepositMoney\""))
                .hasValueSatisfying(count -> assertThat(count).isPositive());
        assertThat(value(exposition, "commandBus_allTimer_seconds", "payloadType=\"WithdrawMoney\",quantile=\"0.99\""))
                .isPresent();
        assertThat(value(exposition, "eventbank_eventstore_head_position", "")).isEmpty();
        assertThat(exposition).containsPattern("(?m)^eventbank_eventstore_head_position [1-9]");
        assertThat(exposition).contains("eventbank_command_concurrency_retries_total", "eventbank_command_conflicts_total",
                "jvm_memory_used_bytes");
    }

    @Test
    void theLagOfAHeldUpProjectionRisesAndReturnsToZero() throws Exception {
        String account = commands.openAccount("Lag Holder");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                value(scrapeQuery(), "eventbank_projection_lag_events", "projection=\"accounts\"").orElse(-1.0) == 0);
        try (Connection readModel = pair.readModelConnection(); Statement statement = readModel.createStatement()) {
            readModel.setAutoCommit(false);
            // holds every write of the accounts projection until the rollback below
            statement.execute("LOCK TABLE accounts_blue.account_ledger_entry IN SHARE MODE");
            for (int i = 0; i < 5; i++) {
                assertThat(commands.deposit(account, "1").status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String exposition = scrapeQuery();
                assertThat(value(exposition, "eventbank_projection_lag_events", "projection=\"accounts\""))
                        .hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(5.0));
                assertThat(value(exposition, "eventbank_projection_lag_milliseconds", "projection=\"accounts\""))
                        .hasValueSatisfying(lag -> assertThat(lag).isPositive());
            });
            readModel.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String exposition = scrapeQuery();
            assertThat(value(exposition, "eventbank_projection_lag_events", "projection=\"accounts\"")).hasValue(0.0);
            assertThat(value(exposition, "eventbank_projection_lag_milliseconds", "projection=\"accounts\"")).hasValue(0.0);
        });
        String exposition = scrapeQuery();
        assertThat(value(exposition, "eventbank_projection_segments_claimed", "projection=\"accounts\""))
                .hasValueSatisfying(segments -> assertThat(segments).isPositive());
        assertThat(value(exposition, "eventbank_projection_parked_events", "projection=\"orders\"")).hasValue(0.0);
        assertThat(value(exposition, "eventbank_projection_failing_segments", "projection=\"orders\"")).hasValue(0.0);
    }

    /** docs/operations.md: every query of the Grafana dashboard and every alert rule reads metrics that exist. */
    @Test
    void everyDashboardQueryAndAlertRuleNamesAMetricThePairExposes() throws IOException {
        String account = commands.openAccount("Dashboard Holder");
        commands.deposit(account, "10");
        commands.withdraw(account, "1000");
        Set<String> exposed = new TreeSet<>();
        for (String exposition : List.of(scrapeCommand(), scrapeQuery())) {
            Matcher series = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(exposition);
            while (series.find()) {
                exposed.add(series.group(1));
            }
        }
        List<String> queries = new ArrayList<>();
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/eventbank.json").toFile())
                .findValues("expr").forEach(expr -> queries.add(expr.asText()));
        int dashboardQueries = queries.size();
        queries.addAll(alertExpressions(Files.readAllLines(DEPLOY.resolve("prometheus/eventbank-rules.yml"))));

        assertThat(dashboardQueries).isGreaterThanOrEqualTo(10);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(dashboardQueries + 4).allSatisfy(query ->
                assertThat(metricNames(query)).as(query).isNotEmpty().allSatisfy(metric ->
                        assertThat(exposed).as("a metric of " + query).contains(metric)));
    }

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right");

    /** The metric names a PromQL expression reads: its identifiers that are neither functions nor labels. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "")
                .replaceAll("\\[[^\\]]*\\]", "");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(bare);
        while (identifier.find()) {
            if (!PROMQL_WORDS.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    /** The {@code expr} of every rule of a Prometheus rules file, on one line or folded ({@code >-}). */
    static List<String> alertExpressions(List<String> lines) {
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("expr:")) {
                continue;
            }
            String expr = line.substring("expr:".length()).strip();
            if (expr.equals(">-") || expr.equals(">")) {
                StringBuilder folded = new StringBuilder();
                int indent = lines.get(i).indexOf("expr:");
                while (i + 1 < lines.size() && lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent) {
                    folded.append(' ').append(lines.get(++i).strip());
                }
                expr = folded.toString().strip();
            }
            expressions.add(expr);
        }
        return expressions;
    }
}
