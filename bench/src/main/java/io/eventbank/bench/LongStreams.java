package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbank.testsupport.HttpClientSupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latency of one deposit on an account with a long history against one on a fresh account. The histories are
 * written into the event store with COPY while the command service runs, so it has never loaded them: the first
 * command on each after a (re)start is cold, it reads the stream (or the latest snapshot and what follows it). The
 * JVM is warmed on other accounts first, so "cold" means the aggregate, not the JIT. Later commands are warm: the
 * aggregate cache holds the account unless it was evicted.
 */
final class LongStreams {

    private static final String NO_SNAPSHOTS = "2000000000";

    private final Deployment deployment;
    private final int accounts;
    private final long events;
    private final int warmRounds;

    LongStreams(Deployment deployment, int accounts, long events, int warmRounds) {
        this.deployment = deployment;
        this.accounts = accounts;
        this.events = events;
        this.warmRounds = warmRounds;
    }

    ObjectNode run() throws Exception {
        deployment.startCommand(Map.of("SNAPSHOT_THRESHOLD", NO_SNAPSHOTS));
        List<String> unsnapshotted = new ArrayList<>();
        List<String> snapshotted = new ArrayList<>();
        List<String> freshA = new ArrayList<>();
        List<String> freshB = new ArrayList<>();
        try (EventGenerator generator = new EventGenerator(deployment.eventStore, Instant.now().minusSeconds(3600))) {
            for (int i = 0; i < accounts; i++) {
                unsnapshotted.add(generator.longAccount(events));
                snapshotted.add(generator.longAccount(events));
                freshA.add(generator.longAccount(1));
                freshB.add(generator.longAccount(1));
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("events_per_long_account", events);
        result.put("accounts_per_kind", accounts);
        result.put("warm_rounds", warmRounds);
        result.set("without_snapshots", compare(freshA, unsnapshotted));

        deployment.stopAll();
        deployment.startCommand(Map.of());
        for (String account : snapshotted) {
            deposit(deployment.commandHttp(), account);
        }
        awaitSnapshots(snapshotted);
        deployment.stopAll();
        deployment.startCommand(Map.of());
        result.set("with_snapshots", compare(freshB, snapshotted));
        deployment.stopAll();
        return result;
    }

    private ObjectNode compare(List<String> fresh, List<String> longOnes) {
        HttpClientSupport http = deployment.commandHttp();
        warmUpJvm(http);
        List<Double> coldFresh = new ArrayList<>();
        List<Double> coldLong = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            coldFresh.add(deposit(http, fresh.get(i)));
            coldLong.add(deposit(http, longOnes.get(i)));
        }
        Latencies warmFresh = new Latencies();
        Latencies warmLong = new Latencies();
        for (int round = 0; round < warmRounds; round++) {
            for (int i = 0; i < fresh.size(); i++) {
                warmFresh.add((long) (deposit(http, fresh.get(i)) * 1e6));
                warmLong.add((long) (deposit(http, longOnes.get(i)) * 1e6));
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("cold_fresh_median_ms", CommandLoad.round(median(coldFresh)));
        result.put("cold_long_median_ms", CommandLoad.round(median(coldLong)));
        result.put("cold_ratio", CommandLoad.round(median(coldLong) / median(coldFresh)));
        result.put("warm_fresh_p50_ms", CommandLoad.round(warmFresh.percentileMs(50)));
        result.put("warm_long_p50_ms", CommandLoad.round(warmLong.percentileMs(50)));
        result.put("warm_fresh_p99_ms", CommandLoad.round(warmFresh.percentileMs(99)));
        result.put("warm_long_p99_ms", CommandLoad.round(warmLong.percentileMs(99)));
        result.put("warm_ratio", CommandLoad.round(warmLong.percentileMs(50) / warmFresh.percentileMs(50)));
        result.set("cold_fresh_ms", samples(coldFresh));
        result.set("cold_long_ms", samples(coldLong));
        return result;
    }

    /** Runs the command path on accounts of its own until the JIT has compiled it. */
    private static void warmUpJvm(HttpClientSupport http) {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            own.add(http.openAccount("Warm-up " + i));
        }
        for (int i = 0; i < 1500; i++) {
            deposit(http, own.get(i % own.size()));
        }
    }

    private static double deposit(HttpClientSupport http, String account) {
        long start = System.nanoTime();
        HttpClientSupport.Response response = http.deposit(account, "1");
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.status() != 200) {
            throw new IllegalStateException("deposit on " + account + " answered " + response.status());
        }
        return millis;
    }

    private void awaitSnapshots(List<String> snapshotted) throws SQLException, InterruptedException {
        try (Connection connection = EventStoreSchema.connect(deployment.eventStore);
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(DISTINCT aggregate_identifier) FROM snapshot_event_entry "
                             + "WHERE aggregate_identifier = ANY (?)")) {
            count.setArray(1, connection.createArrayOf("varchar", snapshotted.toArray()));
            for (int i = 0; i < 300; i++) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == snapshotted.size()) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the command service took no snapshot of the long accounts within 30 s");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static ArrayNode samples(List<Double> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(v -> array.add(CommandLoad.round(v)));
        return array;
    }
}
