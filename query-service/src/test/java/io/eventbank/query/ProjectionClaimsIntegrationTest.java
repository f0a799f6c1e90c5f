package io.eventbank.query;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One of two instances sharing a read-model database: it takes its share of the segments and no more, and replays
 * while the other instance holds the rest.
 */
@QueryServiceIntegrationTest
@TestPropertySource(properties = "eventbank.projections.max-claimed-segments=2")
class ProjectionClaimsIntegrationTest {

    private static final String OTHER_INSTANCE = "4242@other-instance";

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient readModel;

    @Test
    void claimsNoMoreThanItsShareAndReplaysWhileAnotherInstanceHoldsTheRest() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                .exchange()
                .expectBody()
                .jsonPath("$[0].segments[?(@.claimedHere == true)]").value(List.class,
                        claimed -> assertThat(claimed).hasSize(2))
                .jsonPath("$[1].segments[?(@.claimedHere == true)]").value(List.class,
                        claimed -> assertThat(claimed).hasSize(2)));
        readModel.sql("UPDATE token_entry SET owner = ?, time_stamp = ? WHERE processor_name = 'accounts-blue' "
                        + "AND owner IS NULL")
                .params(OTHER_INSTANCE, DateTimeUtils.formatInstant(Instant.now().plus(Duration.ofHours(1))))
                .update();

        http.get().uri("/api/admin/projections").exchange()
                .expectBody()
                .jsonPath("$[0].segments[?(@.owner == '" + OTHER_INSTANCE + "')]").value(List.class,
                        held -> assertThat(held).hasSize(2));

        http.post().uri("/api/admin/projections/accounts/replay").exchange()
                .expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.activeSlot").isEqualTo("blue")
                .jsonPath("$.rebuild.slot").isEqualTo("green");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/admin/projections")
                .exchange()
                .expectBody()
                .jsonPath("$[0].status").isEqualTo("RUNNING")
                .jsonPath("$[0].activeSlot").isEqualTo("green")
                .jsonPath("$[0].segments[?(@.claimedHere == true)]").value(List.class,
                        claimed -> assertThat(claimed).hasSize(2)));
    }
}
