package io.eventbank.reliability;

import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients sending a mix of deposits, withdrawals, orders and account openings to the command service, every request
 * recorded with its outcome. Every request carries a mark no other request has (an amount, a product id, a holder
 * name), which its event repeats, so each event can be traced to the one request that asked for it.
 * <p>
 * {@link #retryingWithKeys()} makes the clients behave as API.md asks of a careful client: every command carries an
 * {@code Idempotency-Key} of its own, and a 503 or a request without an answer is sent again with the same key
 * until a definite answer comes. Every attempt is an outcome; {@link #intents()} are the last attempts.
 */
final class Workload {

    /**
     * One request and its answer; {@code status} -1 when no answer came (the client gave up). {@code eventKey} is
     * the key {@link #eventKey} gives the event the request asks for.
     */
    record Outcome(String command, String eventKey, int status, String problemType, String contentType,
                   String retryAfter, long startedNanos, long endedNanos, String failure, int attempt) {

        boolean succeeded() {
            return status == 200 || status == 201;
        }

        /** No definite answer: refused for want of the database, or none at all. */
        boolean inDoubt() {
            return status == 503 || status == -1;
        }
    }

    private static final Duration RETRY_FOR = Duration.ofSeconds(120);

    private final HttpClientSupport commands;
    private final List<String> accounts;
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Outcome> intents = Collections.synchronizedList(new ArrayList<>());
    private boolean retrying;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Future<?>> clients = new ArrayList<>();
    private ExecutorService pool;

    Workload(HttpClientSupport commands, List<String> accounts) {
        this.commands = commands;
        this.accounts = List.copyOf(accounts);
    }

    /** Opens {@code count} accounts, "Holder 0" and on, with 10000 each: the set-up events no command of the workload asks for. */
    static List<String> openAccounts(HttpClientSupport commands, int count) {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = commands.openAccount("Holder " + i);
            assertThat(commands.deposit(account, "10000").status()).isEqualTo(200);
            accounts.add(account);
        }
        return accounts;
    }

    /** Sends every command with an {@code Idempotency-Key}, again with the same key after a 503 or no answer. */
    Workload retryingWithKeys() {
        this.retrying = true;
        return this;
    }

    /** Starts the clients; each sends up to {@code commandsPerClient} requests, or until {@link #stop()}. */
    Workload start(int clientCount, int commandsPerClient) {
        pool = Executors.newFixedThreadPool(clientCount);
        for (int c = 0; c < clientCount; c++) {
            Random random = new Random(7919L * (c + 1));
            clients.add(pool.submit(() -> {
                for (int i = 0; i < commandsPerClient && !stopping.get(); i++) {
                    intents.add(send(random));
                }
            }));
        }
        return this;
    }

    /** Requests answered or given up on so far. */
    int sent() {
        return outcomes.size();
    }

    /** The outcomes so far. */
    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** The last attempt of every command so far. */
    List<Outcome> intents() {
        synchronized (intents) {
            return List.copyOf(intents);
        }
    }

    /** Waits for every client to finish (stopping them first if asked) and answers every outcome. */
    List<Outcome> finish(boolean stop) {
        stopping.set(stop);
        try {
            for (Future<?> client : clients) {
                client.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return outcomes();
    }

    private Outcome send(Random random) {
        int n = sequence.incrementAndGet();
        String account = accounts.get(random.nextInt(accounts.size()));
        // unique: n whole units and 1 to 99 cents
        String amount = BigDecimal.valueOf(n * 100L + 1 + random.nextInt(99), 2).toPlainString();
        int choice = random.nextInt(10);
        String[] key = retrying ? new String[]{"Idempotency-Key", UUID.randomUUID().toString()} : new String[0];
        String command;
        String eventKey;
        Supplier<Response> request;
        if (choice < 4) {
            command = "deposit";
            eventKey = "MoneyDeposited:" + amount;
            request = () -> commands.post("/api/accounts/" + account + "/deposits", "{\"amount\":" + amount + "}", key);
        } else if (choice < 7) {
            command = "withdraw";
            eventKey = "MoneyWithdrawn:" + amount;
            request = () -> commands.post("/api/accounts/" + account + "/withdrawals", "{\"amount\":" + amount + "}",
                    key);
        } else if (choice < 9) {
            command = "order";
            eventKey = "OrderPlaced:item-" + n;
            request = () -> commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": "
                    + "[{\"productId\": \"item-" + n + "\", \"quantity\": 1, \"unitPrice\": " + amount + "}]}", key);
        } else {
            command = "open";
            eventKey = "AccountOpened:Client " + n;
            request = () -> commands.post("/api/accounts", "{\"holderName\": \"Client " + n + "\"}", key);
        }
        long giveUpAt = System.nanoTime() + RETRY_FOR.toNanos();
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = attempt(command, eventKey, request, attempt);
            outcomes.add(outcome);
            if (!retrying || !outcome.inDoubt() || System.nanoTime() > giveUpAt) {
                return outcome;
            }
            pause(outcome.status() == 503 ? Duration.ofSeconds(1) : Duration.ofMillis(250));
        }
    }

    private static Outcome attempt(String command, String eventKey, Supplier<Response> request, int attempt) {
        long started = System.nanoTime();
        Response response;
        try {
            response = request.get();
        } catch (UncheckedIOException e) {
            return new Outcome(command, eventKey, -1, null, null, null, started, System.nanoTime(), e.getMessage(),
                    attempt);
        }
        String problemType = response.status() >= 400 && response.body() != null && response.body().startsWith("{")
                ? response.json().path("type").asText(null) : null;
        return new Outcome(command, eventKey, response.status(), problemType, response.header("Content-Type"),
                response.header("Retry-After"), started, System.nanoTime(), null, attempt);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key of a stored event the workload asked for, as {@link Outcome#eventKey()} names it: its type and the
     * request's mark, read from the {@code events} view's columns; {@code null} for events no request asked for.
     */
    static String eventKey(String eventType, String amount, String productId, String holderName) {
        return switch (eventType) {
            case "MoneyDeposited", "MoneyWithdrawn" -> eventType + ":" + new BigDecimal(amount).setScale(2)
                    .toPlainString();
            case "OrderPlaced" -> eventType + ":" + productId;
            case "AccountOpened" -> eventType + ":" + holderName;
            default -> null;
        };
    }

    /** How many stored events carry each workload key. */
    static Map<String, Long> storedEvents(Connection eventStore) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        storedEventTimes(eventStore).forEach((key, times) -> counts.put(key, (long) times.size()));
        return counts;
    }

    /** When each stored event of each workload key was stored. */
    static Map<String, List<Instant>> storedEventTimes(Connection eventStore) throws SQLException {
        Map<String, List<Instant>> keys = new HashMap<>();
        try (Statement statement = eventStore.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_type, event_data->>'amount', "
                     + "event_data->'lines'->0->>'productId', event_data->>'holderName', created_at FROM events "
                     + "WHERE event_type IN ('MoneyDeposited', 'MoneyWithdrawn', 'OrderPlaced', 'AccountOpened')")) {
            while (rows.next()) {
                String key = eventKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
                keys.computeIfAbsent(Objects.requireNonNull(key), k -> new ArrayList<>())
                        .add(rows.getTimestamp(5).toInstant());
            }
        }
        return keys;
    }

    /**
     * Asserts that every command's last answer says what happened: a 2xx has exactly one event, any other answer
     * none, and no event is there that no command asked for (the set-up's accounts and deposits aside). Answers how
     * many workload events were checked.
     */
    static long assertOneEventPerSuccess(List<Outcome> intents, Map<String, Long> stored) {
        Map<String, Outcome> byKey = new HashMap<>();
        intents.forEach(intent -> byKey.put(intent.eventKey(), intent));
        for (Outcome intent : intents) {
            assertThat(stored.getOrDefault(intent.eventKey(), 0L))
                    .as("events of " + intent + " (one for a 2xx, none otherwise; two is a command run twice)")
                    .isEqualTo(intent.succeeded() ? 1 : 0);
        }
        long checked = 0;
        for (Map.Entry<String, Long> event : stored.entrySet()) {
            if (event.getKey().startsWith("AccountOpened:Holder ") || event.getKey().equals("MoneyDeposited:10000.00")) {
                continue;
            }
            assertThat(byKey).as("the command of event " + event.getKey()).containsKey(event.getKey());
            checked += event.getValue();
        }
        return checked;
    }

    /** How many outcomes had each status, by status. */
    static Map<Integer, Long> statuses(List<Outcome> outcomes) {
        Map<Integer, Long> statuses = new TreeMap<>();
        outcomes.forEach(outcome -> statuses.merge(outcome.status(), 1L, Long::sum));
        return statuses;
    }
}
