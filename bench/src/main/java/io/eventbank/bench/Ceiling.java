package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most an event-sourced write path can append here: clients on connections of their own insert rows shaped like
 * the command service's events into a {@code domain_event_entry} made by the event store's own migration, either one
 * row per transaction (auto-commit) or {@code batch} rows per transaction. Each client appends to aggregates of its
 * own, so no insert waits for another on the unique (aggregate, sequence) key.
 */
final class Ceiling {

    private static final int AGGREGATES_PER_CLIENT = 16;

    private final String database;

    Ceiling(String database) {
        this.database = database;
    }

    ObjectNode run(String name, int clients, int batch, double warmupSeconds, double seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long measureUntil = measureFrom + (long) (seconds * 1e9);
        AtomicLong rows = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Latencies> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Latencies latencies = new Latencies();
            perClient.add(latencies);
            threads.add(Thread.ofPlatform().name("ceiling-" + c).start(() -> {
                Properties properties = new Properties();
                properties.setProperty("reWriteBatchedInserts", "true");
                try (Connection connection = EventStoreSchema.connect(database, properties);
                     PreparedStatement insert = connection.prepareStatement(SerializedEvent.INSERT)) {
                    connection.setAutoCommit(batch == 1);
                    String[] aggregates = new String[AGGREGATES_PER_CLIENT];
                    long[] sequences = new long[AGGREGATES_PER_CLIENT];
                    for (int a = 0; a < aggregates.length; a++) {
                        aggregates[a] = UUID.randomUUID().toString();
                    }
                    for (long n = 0; ; n++) {
                        long begin = System.nanoTime();
                        if (begin >= measureUntil) {
                            return;
                        }
                        for (int r = 0; r < batch; r++) {
                            int a = (int) ((n * batch + r) % aggregates.length);
                            SerializedEvent.deposit(aggregates[a], sequences[a]++).bind(insert);
                            if (batch > 1) {
                                insert.addBatch();
                            }
                        }
                        if (batch > 1) {
                            insert.executeBatch();
                            connection.commit();
                        } else {
                            insert.executeUpdate();
                        }
                        long end = System.nanoTime();
                        if (begin >= measureFrom && end <= measureUntil) {
                            rows.addAndGet(batch);
                            latencies.add(end - begin);
                        }
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                    System.err.println("ceiling client failed: " + e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies all = new Latencies();
        perClient.forEach(all::addAll);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("name", name);
        result.put("clients", clients);
        result.put("rows_per_transaction", batch);
        result.put("warmup_s", warmupSeconds);
        result.put("duration_s", seconds);
        result.put("rows_per_s", Math.round(rows.get() / seconds));
        result.put("transactions_per_s", Math.round(rows.get() / (double) batch / seconds));
        result.put("p50_ms", CommandLoad.round(all.percentileMs(50)));
        result.put("p99_ms", CommandLoad.round(all.percentileMs(99)));
        result.put("errors", errors.get());
        return result;
    }
}
