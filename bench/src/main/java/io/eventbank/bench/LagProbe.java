package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Projection lag as a client sees it: deposit on a probe account of its own, take the version of the 2xx answer, then
 * read the account from the query service every {@value #POLL_MILLIS} ms until it shows that version. The lag is the
 * time from the command's answer to the first read that shows it, so it is over-stated by at most one poll interval
 * plus one read. One probe at a time, {@value #PAUSE_MIN_MILLIS}-{@value #PAUSE_MAX_MILLIS} ms apart.
 */
final class LagProbe {

    static final int POLL_MILLIS = 2;
    private static final int PAUSE_MIN_MILLIS = 20;
    private static final int PAUSE_MAX_MILLIS = 80;
    private static final long GIVE_UP_NANOS = 10_000_000_000L;
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    private final int commandPort;
    private final int queryPort;
    private final List<String> probeAccounts;

    LagProbe(int commandPort, int queryPort, List<String> probeAccounts) {
        this.commandPort = commandPort;
        this.queryPort = queryPort;
        this.probeAccounts = probeAccounts;
    }

    /** Probes until {@code seconds} have passed or {@code maxSamples} are taken. */
    ObjectNode run(String name, double seconds, int maxSamples) throws InterruptedException {
        try (KeepAliveClient command = new KeepAliveClient(commandPort);
             KeepAliveClient query = new KeepAliveClient(queryPort)) {
            return run(name, seconds, maxSamples, command, query);
        }
    }

    private ObjectNode run(String name, double seconds, int maxSamples, KeepAliveClient command,
                           KeepAliveClient query) throws InterruptedException {
        Latencies lags = new Latencies();
        long until = System.nanoTime() + (long) (seconds * 1e9);
        int timeouts = 0;
        int errors = 0;
        for (int n = 0; lags.count() < maxSamples && System.nanoTime() < until; n++) {
            String account = probeAccounts.get(n % probeAccounts.size());
            KeepAliveClient.Response answer = command.post("/api/accounts/" + account + "/deposits", "{\"amount\":1}");
            long answered = System.nanoTime();
            if (answer.status() != 200) {
                errors++;
                continue;
            }
            long version = version(answer.body());
            long lag = -1;
            while (System.nanoTime() - answered < GIVE_UP_NANOS) {
                if (visibleVersion(query, account) >= version) {
                    lag = System.nanoTime() - answered;
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
            if (lag < 0) {
                timeouts++;
                lag = GIVE_UP_NANOS;
            }
            lags.add(lag);
            Thread.sleep(ThreadLocalRandom.current().nextInt(PAUSE_MIN_MILLIS, PAUSE_MAX_MILLIS));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("name", name);
        result.put("samples", lags.count());
        result.put("poll_interval_ms", POLL_MILLIS);
        result.put("p50_ms", CommandLoad.round(lags.percentileMs(50)));
        result.put("p95_ms", CommandLoad.round(lags.percentileMs(95)));
        result.put("p99_ms", CommandLoad.round(lags.percentileMs(99)));
        result.put("max_ms", CommandLoad.round(lags.maxMs()));
        result.put("timeouts", timeouts);
        result.put("errors", errors);
        return result;
    }

    private static long visibleVersion(KeepAliveClient query, String account) {
        KeepAliveClient.Response response = query.get("/api/accounts/" + account);
        return response.status() == 200 ? version(response.body()) : -1;
    }

    private static long version(String json) {
        Matcher matcher = VERSION.matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
