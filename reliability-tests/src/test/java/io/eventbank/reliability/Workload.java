package io.eventbank.reliability;

import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients sending a mix of deposits, withdrawals, orders and account openings to the command service, every request
 * recorded with its outcome. Every request carries a mark no other request has (an amount, a product id, a holder
 * name), which its event repeats, so each event can be traced to the one request that asked for it.
 */
final class Workload {

    /**
     * One request and its answer; {@code status} -1 when no answer came (the client gave up). {@code eventKey} is
     * the key {@link #eventKey} gives the event the request asks for.
     */
    record Outcome(String command, String eventKey, int status, String problemType, String contentType,
                   String retryAfter, long startedNanos, long endedNanos, String failure) {

        boolean succeeded() {
            return status == 200 || status == 201;
        }
    }

    private final HttpClientSupport commands;
    private final List<String> accounts;
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Future<?>> clients = new ArrayList<>();
    private ExecutorService pool;

    Workload(HttpClientSupport commands, List<String> accounts) {
        this.commands = commands;
        this.accounts = List.copyOf(accounts);
    }

    /** Starts the clients; each sends up to {@code commandsPerClient} requests, or until {@link #stop()}. */
    Workload start(int clientCount, int commandsPerClient) {
        pool = Executors.newFixedThreadPool(clientCount);
        for (int c = 0; c < clientCount; c++) {
            Random random = new Random(7919L * (c + 1));
            clients.add(pool.submit(() -> {
                for (int i = 0; i < commandsPerClient && !stopping.get(); i++) {
                    outcomes.add(send(random));
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
        long started = System.nanoTime();
        int choice = random.nextInt(10);
        String command;
        String eventKey;
        Response response;
        try {
            if (choice < 4) {
                command = "deposit";
                eventKey = "MoneyDeposited:" + amount;
                response = commands.deposit(account, amount);
            } else if (choice < 7) {
                command = "withdraw";
                eventKey = "MoneyWithdrawn:" + amount;
                response = commands.withdraw(account, amount);
            } else if (choice < 9) {
                command = "order";
                eventKey = "OrderPlaced:item-" + n;
                response = commands.post("/api/orders", "{\"accountId\": \"" + account + "\", \"items\": "
                        + "[{\"productId\": \"item-" + n + "\", \"quantity\": 1, \"unitPrice\": " + amount + "}]}");
            } else {
                command = "open";
                eventKey = "AccountOpened:Client " + n;
                response = commands.post("/api/accounts", "{\"holderName\": \"Client " + n + "\"}");
            }
        } catch (UncheckedIOException e) {
            return new Outcome("unknown", null, -1, null, null, null, started, System.nanoTime(), e.getMessage());
        }
        String problemType = response.status() >= 400 && response.body() != null && response.body().startsWith("{")
                ? response.json().path("type").asText(null) : null;
        return new Outcome(command, eventKey, response.status(), problemType, response.header("Content-Type"),
                response.header("Retry-After"), started, System.nanoTime(), null);
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

    /** How many outcomes had each status, by status. */
    static Map<Integer, Long> statuses(List<Outcome> outcomes) {
        Map<Integer, Long> statuses = new TreeMap<>();
        outcomes.forEach(outcome -> statuses.merge(outcome.status(), 1L, Long::sum));
        return statuses;
    }
}
