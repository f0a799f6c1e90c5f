package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP clients on virtual threads, each with a kept-alive connection of its own ({@link KeepAliveClient}), sending deposits and withdrawals (half each, 0.01 to 100.00) to the command
 * service. Closed loop: each client sends its next command when the last one is answered. Paced: the clients together
 * start commands at a fixed rate, and a command's latency counts from when it was due, so a stall is not hidden.
 */
final class CommandLoad {

    enum Distribution {
        /** every account equally likely */
        UNIFORM,
        /** 90% of the commands go to the first 1% of the accounts */
        HOT
    }

    record Step(String name, int clients, Distribution distribution, double warmupSeconds, double seconds,
                double targetRate) {
    }

    private final int port;
    private final List<String> accounts;
    private final boolean idempotencyKeys;

    CommandLoad(int port, List<String> accounts) {
        this(port, accounts, false);
    }

    private CommandLoad(int port, List<String> accounts, boolean idempotencyKeys) {
        this.port = port;
        this.accounts = accounts;
        this.idempotencyKeys = idempotencyKeys;
    }

    /** The same load with a fresh {@code Idempotency-Key} on every command. */
    CommandLoad withIdempotencyKeys() {
        return new CommandLoad(port, accounts, true);
    }

    ObjectNode run(Step step) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (step.warmupSeconds() * 1e9);
        long measureUntil = measureFrom + (long) (step.seconds() * 1e9);
        Tally tally = new Tally();
        List<Latencies> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < step.clients(); c++) {
            Latencies latencies = new Latencies();
            perClient.add(latencies);
            int client = c;
            threads.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                try (KeepAliveClient http = new KeepAliveClient(port)) {
                    loop(step, client, new long[] {start, measureFrom, measureUntil}, http, latencies, tally);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies all = new Latencies();
        perClient.forEach(all::addAll);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("name", step.name());
        result.put("clients", step.clients());
        result.put("accounts", accounts.size());
        result.put("distribution", step.distribution().name().toLowerCase());
        result.put("warmup_s", step.warmupSeconds());
        result.put("duration_s", step.seconds());
        if (step.targetRate() > 0) {
            result.put("target_rate_per_s", Math.round(step.targetRate()));
        }
        result.put("ok", tally.ok.get());
        result.put("rejected_422", tally.rejected.get());
        result.put("errors", tally.errors.get());
        if (!tally.errorSamples.isEmpty()) {
            result.put("error_sample", tally.errorSamples.getFirst());
        }
        result.put("per_s", Math.round((tally.ok.get() + tally.rejected.get()) / step.seconds()));
        result.put("p50_ms", round(all.percentileMs(50)));
        result.put("p95_ms", round(all.percentileMs(95)));
        result.put("p99_ms", round(all.percentileMs(99)));
        result.put("max_ms", round(all.maxMs()));
        return result;
    }

    /** Answers counted in the measured window, and the first few errors. */
    private static final class Tally {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    }

    /** One client's commands; {@code window} holds the start, the start of measuring and its end, in nanos. */
    private void loop(Step step, int client, long[] window, KeepAliveClient http, Latencies latencies, Tally tally) {
        long start = window[0];
        long measureFrom = window[1];
        long measureUntil = window[2];
        long due;
        for (long n = 0; ; n++) {
            if (step.targetRate() > 0) {
                due = start + (long) ((n * step.clients() + client) * 1e9 / step.targetRate());
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
            } else {
                due = System.nanoTime();
            }
            if (due >= measureUntil) {
                return;
            }
            int status = send(http, step.distribution(), tally.errorSamples);
            long end = System.nanoTime();
            if (due < measureFrom || end > measureUntil) {
                continue;
            }
            latencies.add(end - due);
            if (status == 200) {
                tally.ok.incrementAndGet();
            } else if (status == 422) {
                tally.rejected.incrementAndGet();
            } else {
                tally.errors.incrementAndGet();
            }
        }
    }

    private int send(KeepAliveClient http, Distribution distribution, List<String> errorSamples) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String account = accounts.get(pick(distribution, random));
        String amount = BigDecimal.valueOf(1 + random.nextInt(10_000), 2).toPlainString();
        String path = "/api/accounts/" + account + (random.nextBoolean() ? "/deposits" : "/withdrawals");
        try {
            String headers = idempotencyKeys ? "Idempotency-Key: " + UUID.randomUUID() + "\r\n" : "";
            int status = http.post(path, "{\"amount\":" + amount + "}", headers).status();
            if (status != 200 && status != 422 && errorSamples.size() < 5) {
                errorSamples.add("HTTP " + status + " " + path);
            }
            return status;
        } catch (RuntimeException e) {
            if (errorSamples.size() < 5) {
                errorSamples.add(e.toString());
            }
            return -1;
        }
    }

    private int pick(Distribution distribution, ThreadLocalRandom random) {
        int hot = Math.max(1, accounts.size() / 100);
        if (distribution == Distribution.HOT && random.nextInt(10) < 9) {
            return random.nextInt(hot);
        }
        return random.nextInt(accounts.size());
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
