package io.eventbank.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the query service shows, read through its REST API. */
public final class ReadSide {

    private final HttpClientSupport http;

    public ReadSide(HttpClientSupport http) {
        this.http = http;
    }

    public JsonNode get(String path) {
        Response response = http.get(path);
        assertThat(response.status()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    /** Every row of a paged resource, page by page. */
    public List<JsonNode> all(String path) {
        List<JsonNode> rows = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode body = get(path + separator + "size=100&page=" + page);
            body.get("content").forEach(rows::add);
            if (page + 1 >= body.get("page").get("totalPages").asInt()) {
                return rows;
            }
        }
    }

    /** Waits until every projection has processed everything in the event store and none is replaying. */
    public void awaitCaughtUp(Duration deadline) {
        await("projections caught up").atMost(deadline).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode projections = get("/api/admin/projections");
            assertThat(projections.size()).isGreaterThanOrEqualTo(2);
            for (JsonNode projection : projections) {
                assertThat(projection.get("replaying").asBoolean()).as(projection.toString()).isFalse();
                assertThat(projection.get("lag").asLong()).as(projection.toString()).isZero();
            }
        });
    }

    /**
     * Waits until the reconciliation of the read models against the event store runs with every projection caught
     * up, asserts that it found no mismatch, and answers its report.
     */
    public JsonNode awaitConsistent(Duration deadline) {
        List<JsonNode> reports = new ArrayList<>();
        await("reconciliation caught up").atMost(deadline).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode report = get("/api/admin/reconciliation");
            assertThat(report.get("caughtUp").asBoolean()).as(report.toString()).isTrue();
            reports.add(report);
        });
        JsonNode report = reports.getLast();
        assertThat(report.get("mismatches")).as("reconciliation: " + report).isEmpty();
        assertThat(report.get("consistent").asBoolean()).as("reconciliation: " + report).isTrue();
        return report;
    }
}
