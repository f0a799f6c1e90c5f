package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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

    CommandLoad(int port, List<String> accounts) {
        this.port = port;
        this.accounts = accounts;
    }

    ObjectNode run(Step step) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (step.warmupSeconds() * 1e9);
        long measureUntil = measureFrom + (long) (step.seconds() * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Latencies> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < step.clients(); c++) {
            Latencies latencies = new Latencies();
            perClient.add(latencies);
            int client = c;
            threads.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                try (KeepAliveClient http = new KeepAliveClient(port)) {
                    loop(step, client, start, measureFrom, measureUntil, http, latencies, ok, rejected, errors,
                            errorSamples);
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
        result.put("ok", ok.get());
        result.put("rejected_422", rejected.get());
        result.put("errors", errors.get());
        if (!errorSamples.isEmpty()) {
            result.put("error_sample", errorSamples.getFirst());
        }
        result.put("per_s", Math.round((ok.get() + rejected.get()) / step.seconds()));
        result.put("p50_ms", round(all.percentileMs(50)));
        result.put("p95_ms", round(all.percentileMs(95)));
        result.put("p99_ms", round(all.percentileMs(99)));
        result.put("max_ms", round(all.maxMs()));
        return result;
    }

    private void loop(Step step, int client, long start, long measureFrom, long measureUntil, KeepAliveClient http,
                      Latencies latencies, AtomicLong ok, AtomicLong rejected, AtomicLong errors,
                      List<String> errorSamples) {
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
            int status = send(http, step.distribution(), errorSamples);
            long end = System.nanoTime();
            if (due < measureFrom || end > measureUntil) {
                continue;
            }
            latencies.add(end - due);
            if (status == 200) {
                ok.incrementAndGet();
            } else if (status == 422) {
                rejected.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
        }
    }

    private int send(KeepAliveClient http, Distribution distribution, List<String> errorSamples) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String account = accounts.get(pick(distribution, random));
        String amount = java.math.BigDecimal.valueOf(1 + random.nextInt(10_000), 2).toPlainString();
        String path = "/api/accounts/" + account + (random.nextBoolean() ? "/deposits" : "/withdrawals");
        try {
            int status = http.post(path, "{\"amount\":" + amount + "}").status();
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
