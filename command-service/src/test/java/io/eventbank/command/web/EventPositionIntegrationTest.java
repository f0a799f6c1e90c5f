package io.eventbank.command.web;

import io.eventbank.command.support.CommandServiceIntegrationTest;
import io.eventbank.testsupport.HttpClientSupport.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answer names the global position of the command's own last event, nothing else's. */
class EventPositionIntegrationTest extends CommandServiceIntegrationTest {

    @Test
    void openingAndDepositingAnswerThePositionsOfTheirEvents() {
        Response opened = http.post("/api/accounts", "{\"holderName\":\"Kim Minji\"}");
        String account = opened.json().get("accountId").asText();
        assertThat(position(opened)).isEqualTo(globalIndex(account, 0));

        Response deposited = http.deposit(account, "100");
        assertThat(deposited.status()).isEqualTo(200);
        assertThat(position(deposited)).isEqualTo(globalIndex(account, 1)).isGreaterThan(position(opened));
    }

    /** Positions taken and rolled back by other sessions in between change nothing. */
    @Test
    void parallelCommandsEachAnswerTheirOwnPosition() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            accounts.add(http.openAccount("Parallel " + i));
        }
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int round = 0; round < 20; round++) {
                for (String account : accounts) {
                    answers.add(clients.submit(() -> http.deposit(account, "1")));
                }
                jdbc.queryForObject("SELECT nextval('domain_event_entry_global_index_seq')", Long.class);
            }
        }
        for (Future<Response> future : answers) {
            Response answer = future.get();
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            String account = answer.json().get("accountId").asText();
            long version = answer.json().get("version").asLong();
            assertThat(position(answer)).as(answer.toString()).isEqualTo(globalIndex(account, version));
        }
    }

    @Test
    void placingAnOrderAnswersThePositionOfThePlacementNotOfThePayment() {
        String account = http.openAccount("Orderer");
        http.deposit(account, "1000");
        Response placed = http.post("/api/orders", """
                {"accountId":"%s","items":[{"productId":"sku-1","quantity":1,"unitPrice":10}]}""".formatted(account));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String order = placed.json().get("orderId").asText();
        assertThat(position(placed)).isEqualTo(globalIndex(order, 0));
    }

    @Test
    void aRefusedCommandAnswersNoPosition() {
        String account = http.openAccount("Refused");
        Response refused = http.withdraw(account, "5");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Event-Position")).isNull();
    }

    @Test
    void theOpenApiDocumentNamesTheHeaderOnEverySuccess() {
        com.fasterxml.jackson.databind.JsonNode deposits = http.get("/v3/api-docs").json().get("paths")
                .get("/api/accounts/{accountId}/deposits").get("post").get("responses").get("200");

        assertThat(deposits.get("headers").has("Event-Position")).as(deposits.toString()).isTrue();
    }

    private static long position(Response answer) {
        String header = answer.header("Event-Position");
        assertThat(header).as("Event-Position of " + answer).isNotNull();
        return Long.parseLong(header);
    }

    private long globalIndex(String aggregateId, long sequence) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = ?", Long.class, aggregateId, sequence);
    }
}
