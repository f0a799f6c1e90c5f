package io.eventbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workload 9, time on the read side: on one account of 10,000 events, the latency of a plain GET next to the
 * account as of an instant (early, middle, late), a statement (a day of 100 entries and the full 10,000), and a page
 * of its history (the first and one deep in it); then read-your-writes under load: clients that each send a
 * command and at once read the account with the command's {@code Event-Position}, measuring that read.
 */
final class TimeReads {

    private static final int EVENTS = Integer.getInteger("bench.time.events", 10_000);

    private final HttpClientSupport command;
    private final HttpClientSupport query;
    private final boolean quick;

    TimeReads(HttpClientSupport command, HttpClientSupport query, boolean quick) {
        this.command = command;
        this.query = query;
        this.quick = quick;
    }

    ObjectNode run() throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        String account = command.openAccount("Ten Thousand");
        Bench.log("  " + EVENTS + " deposits on one account");
        for (int i = 1; i < EVENTS; i++) {
            require(command.deposit(account, "1"), 200);
        }
        Bench.awaitCaughtUp(query, 300);
        List<JsonNode> sample = new ArrayList<>();
        int pages = EVENTS / 100;
        for (int page : new int[] {0, pages / 2 - 1, pages - 1}) {
            sample.add(require(query.get("/api/accounts/" + account + "/transactions?size=100&page=" + page), 200)
                    .json().get("content").get(0));
        }
        Instant early = Instant.parse(sample.get(0).get("occurredAt").asText());
        Instant middle = Instant.parse(sample.get(1).get("occurredAt").asText());
        Instant late = Instant.parse(sample.get(2).get("occurredAt").asText());
        String path = "/api/accounts/" + account;
        JsonNode hundredth = require(query.get(path + "/transactions?size=1&page=" + (pages / 2 * 100)), 200).json()
                .get("content").get(0);
        Instant hundredLater = Instant.parse(hundredth.get("occurredAt").asText());

        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("plain GET", path);
        reads.put("as of an early instant (entry 1)", path + "?asOf=" + early);
        reads.put("as of the middle (entry 4,901)", path + "?asOf=" + middle);
        reads.put("as of a late instant (entry 9,901)", path + "?asOf=" + late);
        reads.put("statement, about 100 entries", path + "/statement?from=" + middle + "&to=" + hundredLater);
        reads.put("statement, all 9,999 entries", path + "/statement?from=" + early + "&to="
                                                  + late.plusSeconds(3600));
        reads.put("history, first page (20)", path + "/history");
        reads.put("history, page 400 (20)", path + "/history?page=400");
        reads.put("ledger, page 400 (20)", path + "/transactions?page=400");
        int rounds = quick ? 100 : 400;
        ObjectNode latency = result.putObject("latency");
        for (Map.Entry<String, String> read : reads.entrySet()) {
            Latencies samples = new Latencies();
            for (int i = 0; i < rounds / 5; i++) {
                require(query.get(read.getValue()), 200);
            }
            for (int i = 0; i < rounds; i++) {
                long started = System.nanoTime();
                require(query.get(read.getValue()), 200);
                samples.add(System.nanoTime() - started);
            }
            ObjectNode row = latency.putObject(read.getKey());
            row.put("p50_ms", samples.percentileMs(50));
            row.put("p99_ms", samples.percentileMs(99));
            row.put("requests", samples.count());
            Bench.log("  " + read.getKey() + ": " + row);
        }
        result.put("events", EVENTS);
        result.set("read_your_writes", readYourWrites(quick ? 8 : 16, quick ? 10 : 30));
        return result;
    }

    /**
     * Closed loop: each client deposits to an account of its own and at once reads it with the deposit's
     * {@code Event-Position}; the read's latency includes the wait for the projection. Also counts reads that came
     * back stale (none expected) or 503.
     */
    private ObjectNode readYourWrites(int clients, int seconds) throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String account = command.openAccount("Reader " + i);
            accounts.add(account);
        }
        Bench.awaitCaughtUp(query, 60);
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        Latencies waits = new Latencies();
        Latencies commands = new Latencies();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients, Thread.ofVirtual().factory())) {
            for (String account : accounts) {
                futures.add(pool.submit(() -> {
                    long stale = 0;
                    long unavailable = 0;
                    Latencies ownWaits = new Latencies();
                    Latencies ownCommands = new Latencies();
                    while (System.nanoTime() < until) {
                        long sent = System.nanoTime();
                        Response deposited = require(command.deposit(account, "1"), 200);
                        ownCommands.add(System.nanoTime() - sent);
                        long started = System.nanoTime();
                        Response read = query.get("/api/accounts/" + account, "Min-Event-Position",
                                deposited.header("Event-Position"));
                        ownWaits.add(System.nanoTime() - started);
                        if (read.status() == 503) {
                            unavailable++;
                        } else if (read.json().get("version").asLong() != deposited.json().get("version").asLong()) {
                            stale++;
                            Bench.log("  stale: account " + account + " position " + deposited.header("Event-Position")
                                      + " deposited version " + deposited.json().get("version") + " read "
                                      + read.json().get("version"));
                        }
                    }
                    synchronized (waits) {
                        waits.addAll(ownWaits);
                        commands.addAll(ownCommands);
                    }
                    return new long[] {stale, unavailable};
                }));
            }
            long stale = 0;
            long unavailable = 0;
            for (Future<long[]> future : futures) {
                stale += future.get()[0];
                unavailable += future.get()[1];
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("clients", clients);
            result.put("duration_s", seconds);
            result.put("commands_per_s", Math.round(commands.count() / (double) seconds));
            result.put("command_p50_ms", commands.percentileMs(50));
            result.put("command_p99_ms", commands.percentileMs(99));
            result.put("read_p50_ms", waits.percentileMs(50));
            result.put("read_p99_ms", waits.percentileMs(99));
            result.put("reads", waits.count());
            result.put("stale", stale);
            result.put("not_yet_consistent", unavailable);
            Bench.log("  read-your-writes: " + result);
            return result;
        }
    }

    private static Response require(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + response);
        }
        return response;
    }
}
