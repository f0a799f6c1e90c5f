package io.eventbank.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.ServicePairExtension;
import io.eventbank.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-service instances on one read-model database split every processor's segments between them; when one
 * is killed, the survivor takes its segments over once their claims run out, and no event is applied twice.
 */
class TwoQueryInstancesReliabilityTest {

    @RegisterExtension
    static final ServicePairExtension pair = ServicePairExtension.pair().withQueryInstances(2);

    /** Owner of every segment of every processor, as the admin endpoint reports them. */
    private static Map<String, List<String>> owners(HttpClientSupport query) {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (JsonNode projection : query.get("/api/admin/projections").json()) {
            List<String> segmentOwners = new ArrayList<>();
            projection.path("segments").forEach(segment -> segmentOwners.add(segment.path("owner").asText(null)));
            owners.put(projection.get("name").asText(), segmentOwners);
        }
        return owners;
    }

    @Test
    void theInstancesShareTheSegmentsAndTheSurvivorTakesOver() throws Exception {
        HttpClientSupport commands = pair.command().http();
        ServiceProcess first = pair.query(0);
        ServiceProcess second = pair.query(1);
        await("both instances hold segments").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (List<String> segmentOwners : owners(second.http()).values()) {
                assertThat(segmentOwners).doesNotContainNull();
                assertThat(new HashSet<>(segmentOwners)).hasSize(2);
            }
        });

        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String account = commands.openAccount("Holder " + i);
            commands.deposit(account, "100");
            accounts.add(account);
        }
        first.kill();
        Instant killedAt = Instant.now();
        for (String account : accounts) {
            commands.withdraw(account, "30");
            commands.deposit(account, "5");
        }

        await("the survivor holds every segment").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (List<String> segmentOwners : owners(second.http()).values()) {
                assertThat(new HashSet<>(segmentOwners)).hasSize(1).doesNotContainNull();
            }
        });
        Duration takeover = Duration.between(killedAt, Instant.now());
        await("caught up").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (JsonNode projection : second.http().get("/api/admin/projections").json()) {
                assertThat(projection.get("lag").asLong()).isZero();
            }
        });

        Set<String> checked = new HashSet<>();
        try (Connection connection = pair.eventStoreConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_id::text, max(event_version), "
                     + "count(*) FILTER (WHERE jsonb_exists(event_data, 'balanceAfter')) FROM events "
                     + "WHERE aggregate_type = 'Account' GROUP BY aggregate_id")) {
            while (rows.next()) {
                String account = rows.getString(1);
                JsonNode summary = second.http().get("/api/accounts/" + account).json();
                assertThat(summary.get("version").asLong()).as(account).isEqualTo(rows.getLong(2));
                assertThat(summary.get("balance").decimalValue()).as(account).isEqualByComparingTo("75.00");
                JsonNode ledger = second.http().get("/api/accounts/" + account + "/transactions?size=100").json();
                assertThat(ledger.get("page").get("totalElements").asLong()).as("no doubled or missing entries")
                        .isEqualTo(rows.getLong(3));
                checked.add(account);
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(accounts);
        Report.write("two-query-instances", Map.of("queryInstances", 2, "segmentsPerProcessor", 4,
                "takeoverSeconds", takeover.toMillis() / 1000.0, "accountsChecked", checked.size(),
                "doubledOrMissing", 0));
    }
}
