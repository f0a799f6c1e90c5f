package io.eventbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/performance.md from the results of a run: targets against measurements, a table per workload, the command
 * chart (also written beside the report as an SVG file), and the hand-written analysis of bench/notes.md.
 */
final class Report {

    private final JsonNode r;
    private final StringBuilder md = new StringBuilder();

    private Report(JsonNode results) {
        this.r = results;
    }

    static void write(ObjectNode results, Path root, Path target) throws IOException {
        Report report = new Report(results);
        String chart = report.chart();
        String chartFile = target.getFileName().toString().replace(".md", "-commands.svg");
        Files.createDirectories(target.getParent());
        Files.writeString(target.resolveSibling(chartFile), chart);
        Files.writeString(target, report.render(chart, chartFile, text(root, "bench/authentication.md"),
                text(root, "bench/feature-costs.md"), text(root, "bench/notes.md")));
    }

    /** A section measured by runs of its own (bench/results/auth-*.json), kept as text beside the generated ones. */
    private static String text(Path root, String file) throws IOException {
        Path path = root.resolve(file);
        return Files.exists(path) ? Files.readString(path) : "";
    }

    private String render(String chart, String chartFile, String authentication, String featureCosts,
                          String analysis) {
        JsonNode machine = r.path("machine");
        line("# Performance");
        line("");
        line("Measured by `scripts/bench.sh` (" + r.path("mode").asText() + " run, " + r.path("wall_s").asLong()
                + " s, started " + r.path("started_at").asText() + "). It builds the services if needed, starts "
                + "each packaged jar (and the HTTP floor of section 2) as its own process on fresh PostgreSQL "
                + "databases, drives them over HTTP and writes `bench/results/latest.json` and this page. "
                + "`scripts/bench.sh --quick` is a short run for development.");
        line("");
        line("Machine: " + machine.path("cores").asInt() + " cores, " + machine.path("memory_mib").asLong()
                + " MiB, " + machine.path("jdk").asText() + ", " + first(machine.path("postgresql").asText())
                + " (shared_buffers " + machine.path("postgresql_shared_buffers").asText() + ", synchronous_commit "
                + machine.path("postgresql_synchronous_commit").asText() + "). Load average (1, 5, 15 min) at the "
                + "start " + r.path("load_average_start") + ", at the end " + r.path("load_average_end") + ". The "
                + "machine is shared with other builds and tests, and the benchmark client, both services and "
                + "PostgreSQL share its cores: every number here is what was left for them.");
        line("");
        targets();
        ceiling();
        commands(chart, chartFile);
        lag();
        replay();
        longStreams();
        footprint();
        publisher();
        md.append(authentication);
        time();
        features(featureCosts);
        line("## Recommended JVM options");
        line("");
        line("Both services were measured with these and `MALLOC_ARENA_MAX=2` (they are also in `scripts/bench.sh`; "
                + "`docker-compose.yml` passes them to both services as `JDK_JAVA_OPTIONS`):");
        line("");
        line("```");
        List<String> options = new ArrayList<>();
        r.path("jvm_options").forEach(o -> options.add(o.asText()));
        line("JAVA_TOOL_OPTIONS=\"" + String.join(" ", options) + "\"");
        line("```");
        line("");
        md.append(analysis);
        return md.toString();
    }

    private void targets() {
        line("## Targets");
        line("");
        double ceiling = r.path("ceiling_single_tps").asDouble(Double.NaN);
        double peak = r.path("commands_peak_per_s").asDouble(Double.NaN);
        double floor = r.path("http_floor_per_s").asDouble(Double.NaN);
        double alone = r.path("command_alone_peak_per_s").asDouble(Double.NaN);
        JsonNode stream = r.path("long_streams").path("with_snapshots");
        table(List.of("target", "goal", "measured", "met"),
                row("command service alone / HTTP floor (peaks)", ">= 70%", pct(alone / floor) + " (" + num(alone)
                        + " of " + num(floor) + "/s); of the JDBC ceiling: " + pct(alone / ceiling) + " (of "
                        + num(ceiling) + "/s)", alone / floor >= 0.7),
                row("command p99 at half of peak, command service alone", "< 25 ms",
                        ms(r.path("command_alone_p99_ms_at_half_peak")),
                        below(r.path("command_alone_p99_ms_at_half_peak"), 25)),
                row("commands to the pair / single-event ceiling", ">= 30%", pct(peak / ceiling) + " (" + num(peak)
                        + " of " + num(ceiling) + "/s)", peak / ceiling >= 0.3),
                row("command p99 at half of peak, the pair", "< 25 ms", ms(r.path("commands_p99_ms_at_half_peak")),
                        below(r.path("commands_p99_ms_at_half_peak"), 25)),
                row("projection lag p99 under load", "< 200 ms", ms(r.path("lag_p99_ms_load"))
                        + " (p50 " + ms(r.path("lag_p50_ms_load")) + ")", below(r.path("lag_p99_ms_load"), 200)),
                row("projection lag p99 idle", "< 100 ms", ms(r.path("lag_p99_ms_idle")),
                        below(r.path("lag_p99_ms_idle"), 100)),
                row("replay into the read models", ">= 20,000 events/s", num(r.path("replay_events_per_s"))
                        + " events/s", r.path("replay_events_per_s").asDouble() >= 20_000),
                row("command on a 10,000-event account vs a fresh one (cold, snapshots on)", "<= 2x",
                        x(r.path("long_stream_latency_ratio")) + " (" + ms(stream.path("cold_long_median_ms"))
                                + " vs " + ms(stream.path("cold_fresh_median_ms")) + ")",
                        below(r.path("long_stream_latency_ratio"), 2.0001)),
                row("resident memory of each service", "< 400 MiB", num(r.path("rss_mib_max")) + " MiB (peak)",
                        below(r.path("rss_mib_max"), 400)));
    }

    private void ceiling() {
        JsonNode c = r.path("ceiling");
        if (c.isMissingNode()) {
            return;
        }
        line("## 1. Ceiling: plain JDBC appends");
        line("");
        line("Rows shaped like the command service's events (same payload, metadata and time stamp format) inserted "
                + "with plain JDBC into a `domain_event_entry` created by the event store's own migration "
                + "(`V1__event_store.sql`: same columns, primary key, unique keys and index). Each client has a "
                + "connection and aggregates of its own. *single*: one row per transaction (auto-commit), the most "
                + "any event-sourced write path can commit here; *with NOTIFY trigger*: the same with a statement "
                + "trigger calling `pg_notify` on every insert (see below); *batched*: 100 rows per transaction.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (String kind : new String[] {"single", "single_with_notify_trigger", "batched"}) {
            for (JsonNode step : c.path(kind)) {
                rows.add(List.of(kind.replace('_', ' '), step.path("clients").asText(),
                        step.path("rows_per_transaction").asText(), num(step.path("rows_per_s")),
                        num(step.path("transactions_per_s")), ms(step.path("p50_ms")), ms(step.path("p99_ms")),
                        step.path("warmup_s").asText() + " + " + step.path("duration_s").asText() + " s",
                        step.path("errors").asText()));
            }
        }
        table(List.of("variant", "clients", "rows/tx", "rows/s", "tx/s", "p50", "p99", "warm-up + measured",
                "errors"), rows.toArray(List[]::new));
    }

    private void commands(String chart, String chartFile) {
        JsonNode c = r.path("commands");
        JsonNode floor = r.path("http_floor");
        JsonNode alone = r.path("command_alone");
        JsonNode any = !c.isMissingNode() ? c : !alone.isMissingNode() ? alone : floor;
        if (any.isMissingNode()) {
            return;
        }
        line("## 2. Commands over HTTP");
        line("");
        line("Closed-loop clients on virtual threads, each with one kept-alive HTTP/1.1 connection (a minimal client of the benchmark's own: `java.net.http.HttpClient` cost about 1 ms of CPU per request here), send deposits "
                + "and withdrawals, half each, of 0.01 to 100.00 over " + any.path("steps").path(0).path("accounts")
                .asText() + " accounts opened with a balance of 1,000,000; *uniform*: every account equally likely; "
                + "*hot*: 90% of the commands go to the hottest 1% of the accounts. Before the steps both JVMs are "
                + "warmed up with " + any.path("jvm_warmup_s").asText() + " s of commands. A 422 "
                + "(insufficient funds) counts as an expected answer; anything else but 200 is an error. The client "
                + "runs on the same 2 cores as the services and PostgreSQL: its CPU is in the *client* column "
                + "(cores used, 1.0 = one core busy), next to the services', PostgreSQL's (all its processes) and "
                + "the whole machine's (including other work on it).");
        line("");
        line(chart.replace("\n", ""));
        line("");
        line("(The same chart as a file: [" + chartFile + "](" + chartFile + ").)");
        line("");
        floorAndAlone(floor, alone, c);
        if (c.isMissingNode()) {
            return;
        }
        commandTable(c, "The pair, tuned (this project's settings)");
        JsonNode half = c.path("half_peak");
        line("At half of the peak (" + num(half.path("target_rate_per_s")) + " commands/s, paced by " + half.path(
                "clients").asText() + " clients; latency counted from when each command was due): p50 "
                + ms(half.path("p50_ms")) + ", p95 " + ms(half.path("p95_ms")) + ", p99 " + ms(half.path("p99_ms"))
                + ", " + half.path("errors").asText() + " errors.");
        line("");
        JsonNode base = r.path("commands_out_of_the_box");
        if (!base.isMissingNode()) {
            commandTable(base, "Axon out of the box (no aggregate cache, no snapshots, handler time limits on, "
                    + "Hikari's default pool of 10, tracking processors with batch size 1 and a 1 s fetch delay, one "
                    + "INSERT per row, default JVM options; uniform only, shorter steps)");
        }
    }

    /** The HTTP floor, the command service alone and the pair, step by step, then each alone step's detail. */
    private void floorAndAlone(JsonNode floor, JsonNode alone, JsonNode pair) {
        if (floor.isMissingNode() && alone.isMissingNode()) {
            return;
        }
        line("**The HTTP floor, the command service alone and the pair.** The *HTTP floor* is the least a "
                + "deposit over HTTP must do here: a Spring Boot application of the benchmark's own "
                + "(`bench/.../HttpFloor.java`), a process of its own on the services' Tomcat, Spring MVC and "
                + "Jackson, with virtual threads like the command service, the same JVM options and environment and "
                + "no authentication. It reads the same JSON body, appends one row shaped like the command service's "
                + "event (payload and metadata serialized by Axon's object mapper) with its unique (aggregate, "
                + "sequence) key to a `domain_event_entry` made by the event store's migration, in one auto-committed"
                + " statement on a Hikari pool of the command service's size, and answers 200 with `{\"accountId\", "
                + "\"version\"}`; it loads no aggregate and checks no rule (each account's next sequence number is "
                + "counted in memory; its accounts are as many random ids, as it has nothing to open). The *command "
                + "service alone* is the command workload with no query service running; *the pair* is the command "
                + "workload below, with the query service projecting and the saga processor running. All are driven "
                + "by the same client with the same warm-up and steps; the JDBC ceiling (section 1) is the same "
                + "client count appending straight over JDBC. The headline ratio is the command service alone against"
                + " the floor: what the command path costs beyond the least any HTTP service pays here.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode step : (floor.isMissingNode() ? alone : floor).path("steps")) {
            int clients = step.path("clients").asInt();
            JsonNode ceilingRows = perSecondAt(r.path("ceiling").path("single"), clients, "rows_per_s");
            JsonNode floorRate = perSecondAt(floor.path("steps"), clients, "per_s");
            JsonNode aloneRate = perSecondAt(alone.path("steps"), clients, "per_s");
            rows.add(List.of(String.valueOf(clients), num(ceilingRows), num(floorRate), num(aloneRate),
                    num(perSecondAt(pair.path("steps"), clients, "per_s")), share(aloneRate, floorRate),
                    share(aloneRate, ceilingRows)));
        }
        rows.add(List.of("**peak**", num(r.path("ceiling_single_tps")), num(r.path("http_floor_per_s")),
                num(r.path("command_alone_peak_per_s")), num(r.path("commands_peak_per_s")),
                share(r.path("command_alone_peak_per_s"), r.path("http_floor_per_s")),
                share(r.path("command_alone_peak_per_s"), r.path("ceiling_single_tps"))));
        table(List.of("clients", "JDBC ceiling rows/s", "HTTP floor /s", "command service alone /s", "the pair /s",
                "alone / floor", "alone / ceiling"), rows.toArray(List[]::new));
        rows.clear();
        stepRows(rows, "HTTP floor", floor, "http_floor");
        stepRows(rows, "command service alone", alone, "command_service");
        table(List.of("", "clients", "per s", "p50", "p95", "p99", "422", "errors", "service CPU per request",
                "cores: client / service / PostgreSQL / machine", "warm-up + measured"), rows.toArray(List[]::new));
        JsonNode half = alone.path("half_peak");
        if (!half.isMissingNode()) {
            line("The command service alone at half of its peak (" + num(half.path("target_rate_per_s"))
                    + " commands/s, paced by " + half.path("clients").asText() + " clients): p50 "
                    + ms(half.path("p50_ms")) + ", p95 " + ms(half.path("p95_ms")) + ", p99 " + ms(half.path("p99_ms"))
                    + ", " + half.path("errors").asText() + " errors.");
            line("");
        }
    }

    private static void stepRows(List<List<String>> rows, String name, JsonNode run, String serviceKey) {
        for (JsonNode step : run.path("steps")) {
            JsonNode cpu = step.path("cpu_cores");
            rows.add(List.of(name, step.path("clients").asText(), num(step.path("per_s")), ms(step.path("p50_ms")),
                    ms(step.path("p95_ms")), ms(step.path("p99_ms")), step.path("rejected_422").asText(),
                    step.path("errors").asText(), perOperation(cpu.path(serviceKey), step.path("per_s")),
                    cpu.path("client").asText() + " / " + cpu.path(serviceKey).asText() + " / "
                            + cpu.path("postgres").asText() + " / " + cpu.path("machine").asText(),
                    step.path("warmup_s").asText() + " + " + step.path("duration_s").asText() + " s"));
        }
    }

    /** The field of the uniform step (or ceiling row) with that many clients; missing if there is none. */
    private static JsonNode perSecondAt(JsonNode steps, int clients, String field) {
        for (JsonNode step : steps) {
            if (step.path("clients").asInt() == clients && !step.path("distribution").asText("uniform").equals("hot")) {
                return step.path(field);
            }
        }
        return MissingNode.getInstance();
    }

    private static String share(JsonNode part, JsonNode whole) {
        return part.isNumber() && whole.isNumber() && whole.asDouble() > 0 ? pct(part.asDouble() / whole.asDouble())
                : "—";
    }

    private void commandTable(JsonNode c, String title) {
        line("**" + title + "** — peak " + num(c.path("peak_per_s")) + " commands/s (uniform)");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode step : c.path("steps")) {
            JsonNode cpu = step.path("cpu_cores");
            rows.add(List.of(step.path("distribution").asText(), step.path("clients").asText(),
                    num(step.path("per_s")), ms(step.path("p50_ms")), ms(step.path("p95_ms")),
                    ms(step.path("p99_ms")), step.path("rejected_422").asText(), step.path("errors").asText(),
                    perOperation(cpu.path("command_service"), step.path("per_s")),
                    cpu.path("client").asText() + " / " + cpu.path("command_service").asText() + " / "
                            + cpu.path("query_service").asText() + " / " + cpu.path("postgres").asText() + " / "
                            + cpu.path("machine").asText(),
                    step.path("warmup_s").asText() + " + " + step.path("duration_s").asText() + " s"));
        }
        table(List.of("accounts", "clients", "commands/s", "p50", "p95", "p99", "422", "errors",
                "command-service CPU per command", "cores: client / command / query / PostgreSQL / machine",
                "warm-up + measured"),
                rows.toArray(List[]::new));
    }

    private String chart() {
        JsonNode tuned = r.path("commands").path("steps");
        JsonNode base = r.path("commands_out_of_the_box").path("steps");
        Chart throughput = new Chart("Throughput", "clients", "commands/s");
        Chart latency = new Chart("p99 latency", "clients", "ms");
        series(throughput, latency, tuned, "uniform", "the pair, uniform", "#1f77b4", false);
        series(throughput, latency, tuned, "hot", "the pair, hot 1%", "#d62728", false);
        series(throughput, latency, base, "uniform", "out of the box, uniform", "#7f7f7f", true);
        series(throughput, latency, r.path("command_alone").path("steps"), "uniform", "command service alone",
                "#ff7f0e", false);
        series(throughput, latency, r.path("http_floor").path("steps"), "uniform", "HTTP floor", "#9467bd", true);
        double ceiling = r.path("ceiling_single_tps").asDouble(Double.NaN);
        JsonNode measured = tuned.size() > 0 ? tuned : r.path("http_floor").path("steps").size() > 0
                ? r.path("http_floor").path("steps") : r.path("command_alone").path("steps");
        if (!Double.isNaN(ceiling) && measured.size() > 0) {
            double[] xs = xs(measured, "uniform");
            double[] ys = new double[xs.length];
            JsonNode single = r.path("ceiling").path("single");
            for (int i = 0; i < xs.length; i++) {
                ys[i] = Double.NaN;
                for (JsonNode step : single) {
                    if (step.path("clients").asDouble() == xs[i]) {
                        ys[i] = step.path("rows_per_s").asDouble();
                    }
                }
            }
            throughput.add(new Chart.Series("JDBC ceiling, 1 event/tx", "#2ca02c", true, xs, ys));
        }
        return Chart.page(throughput, latency);
    }

    private static void series(Chart throughput, Chart latency, JsonNode steps, String distribution, String label,
                               String color, boolean dashed) {
        double[] xs = xs(steps, distribution);
        if (xs.length == 0) {
            return;
        }
        double[] perSecond = new double[xs.length];
        double[] p99 = new double[xs.length];
        int i = 0;
        for (JsonNode step : steps) {
            if (distribution.equals(step.path("distribution").asText())) {
                perSecond[i] = step.path("per_s").asDouble();
                p99[i++] = step.path("p99_ms").asDouble();
            }
        }
        throughput.add(new Chart.Series(label, color, dashed, xs, perSecond));
        latency.add(new Chart.Series(label, color, dashed, xs, p99));
    }

    private static double[] xs(JsonNode steps, String distribution) {
        List<Double> xs = new ArrayList<>();
        for (JsonNode step : steps) {
            if (distribution.equals(step.path("distribution").asText())) {
                xs.add(step.path("clients").asDouble());
            }
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void lag() {
        JsonNode c = r.path("commands");
        if (c.isMissingNode()) {
            return;
        }
        line("## 3. Projection lag");
        line("");
        line("A probe deposits 1 on an account of its own (not one the load uses), takes the version from the 200 "
                + "answer, then reads the account from the query service every " + c.path("lag_idle").path(
                "poll_interval_ms").asText() + " ms until it shows that version; the lag is the time from the "
                + "answer to the first read that shows it (so it is over-stated by at most one poll interval and "
                + "one read). One probe at a time, 20–80 ms apart. *Under load*: while the paced half-of-peak "
                + "commands run; *idle*: nothing else runs.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        lagRow(rows, "tuned, idle", c.path("lag_idle"));
        lagRow(rows, "tuned, under load (half of peak)", c.path("lag_load"));
        lagRow(rows, "before: 100 ms fetch delay, processors re-check every 500 ms, idle", c.path(
                "lag_idle_before"));
        lagRow(rows, "Axon out of the box (tracking, batch 1, fetch delay 1 s), idle",
                r.path("commands_out_of_the_box").path("lag_idle"));
        lagRow(rows, "Axon out of the box, under load", r.path("commands_out_of_the_box").path("lag_load"));
        table(List.of("when", "samples", "p50", "p95", "p99", "max", "timeouts"), rows.toArray(List[]::new));
    }

    private static void lagRow(List<List<String>> rows, String name, JsonNode lag) {
        if (!lag.isMissingNode()) {
            rows.add(List.of(name, lag.path("samples").asText(), ms(lag.path("p50_ms")), ms(lag.path("p95_ms")),
                    ms(lag.path("p99_ms")), ms(lag.path("max_ms")), lag.path("timeouts").asText()));
        }
    }

    private void replay() {
        JsonNode c = r.path("replay");
        if (c.isMissingNode()) {
            return;
        }
        line("## 4. Replay");
        line("");
        line(num(c.path("events")) + " events of " + num(c.path("accounts")) + " accounts (deposits, withdrawals "
                + "and orders that are charged and paid), written straight into a fresh event store with `COPY` "
                + "exactly as the command service serializes them (" + c.path("generate_s").asText() + " s). Then a "
                + "query service starts on a fresh read-model database and both processors rebuild their read "
                + "models from the first event. Rate: events from the moment the service is ready until the "
                + "slower processor reaches the head, or until the window of the run ends (" + "the tuned replay "
                + "is followed for at most 210 s, out of the box for 30 s, so that the whole benchmark stays under "
                + "15 minutes); *events done* is the slower processor's position then.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (String kind : new String[] {"tuned", "out_of_the_box"}) {
            JsonNode run = c.path(kind);
            if (!run.isMissingNode()) {
                JsonNode cpu = run.path("cpu_cores");
                rows.add(List.of(kind.replace('_', ' '), num(run.path("events_per_s")),
                        run.path("measured_s").asText() + " s", num(run.path("position_at_end")),
                        run.path("startup_s").asText() + " s",
                        run.has("launch_to_caught_up_s") ? run.path("launch_to_caught_up_s").asText() + " s"
                                : run.has("projected_total_s") ? "not within the window; at this rate "
                                + run.path("projected_total_s").asText() + " s from ready" : "—",
                        perOperation(cpu.path("query_service"), run.path("events_per_s")),
                        cpu.path("query_service").asText() + " / " + cpu.path("postgres").asText() + " / "
                                + cpu.path("machine").asText(),
                        num(run.path("query_rss_mib")) + " MiB"));
            }
        }
        table(List.of("settings", "events/s", "measured", "events done", "start-up", "launch to caught up",
                "query-service CPU per event", "cores: query / PostgreSQL / machine", "peak RSS"), rows.toArray(List[]::new));

        JsonNode beside = c.path("tuned").path("beside_live");
        if (!beside.isMissingNode()) {
            line("");
            line("**Rebuild beside the live read model** (the replay of `POST /api/admin/projections/{name}/replay`): "
                    + "once the tuned service has caught up, both projections are replayed; each is rebuilt in its "
                    + "idle slot while the queries keep reading the active one, and switched to when caught up. "
                    + num(beside.path("events_per_s")) + " events/s from the requests until "
                    + (beside.path("complete").asBoolean() ? "both have switched" : "the window ended, not switched")
                    + " (" + beside.path("measured_s").asText() + " s, " + num(beside.path("position_at_end"))
                    + " events).");
        }
    }

    private void longStreams() {
        JsonNode c = r.path("long_streams");
        if (c.isMissingNode()) {
            return;
        }
        line("## 5. Long streams");
        line("");
        line("One deposit on an account with " + num(c.path("events_per_long_account")) + " events against one on "
                + "an account with a single event, " + c.path("accounts_per_kind").asText() + " accounts of each. "
                + "The histories are written with `COPY` while the command service runs, so it has never loaded "
                + "them. *Cold*: the first command on each account after a start, once the JVM has been warmed up "
                + "on other accounts — it reads the whole stream, or the latest snapshot and what follows it. "
                + "*Warm*: " + c.path("warm_rounds").asText() + " further rounds, where the aggregate cache holds "
                + "the account (it hides the load cost, hence the cold numbers). *With snapshots*: threshold 100, "
                + "the snapshot was taken by a first command before a restart; *without*: "
                + "`SNAPSHOT_THRESHOLD=2000000000`.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (String kind : new String[] {"with_snapshots", "without_snapshots"}) {
            JsonNode run = c.path(kind);
            rows.add(List.of(kind.replace('_', ' '), ms(run.path("cold_fresh_median_ms")),
                    ms(run.path("cold_long_median_ms")), x(run.path("cold_ratio")),
                    ms(run.path("warm_fresh_p50_ms")), ms(run.path("warm_long_p50_ms")), x(run.path("warm_ratio"))));
        }
        table(List.of("", "cold, fresh (median)", "cold, long (median)", "cold ratio", "warm, fresh (p50)",
                "warm, long (p50)", "warm ratio"), rows.toArray(List[]::new));
    }

    private void footprint() {
        JsonNode tuned = r.path("commands").path("footprint");
        if (tuned.isMissingNode()) {
            return;
        }
        line("## 6. Footprint");
        line("");
        line("Peak resident set (`VmHWM` of `/proc/<pid>/status`, start-up included) and the largest heap in use "
                + "(actuator `jvm.memory.used`, area heap, sampled every second) of each service during workload 2.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        footprintRow(rows, "tuned (recommended JVM options)", tuned);
        footprintRow(rows, "out of the box (default JVM options)", r.path("commands_out_of_the_box").path(
                "footprint"));
        table(List.of("settings", "command RSS peak", "query RSS peak", "command heap used", "query heap used"),
                rows.toArray(List[]::new));
    }

    private void publisher() {
        JsonNode p = r.path("publisher");
        if (p.isMissingNode()) {
            return;
        }
        JsonNode off = p.path("off");
        JsonNode on = p.path("on");
        line("## 7. The event stream on Kafka");
        line("");
        line("The command service alone, " + off.path("clients").asInt() + " clients sending commands in a closed "
                + "loop for " + off.path("duration_s").asText() + " s, first with the event stream off, then on "
                + "(`KAFKA_BOOTSTRAP_SERVERS` set; a one-node broker as a process of its own on the same machine). In "
                + "between, the publisher starts from the first event and sends the history of the first run. Aim: "
                + "no more than 10% fewer commands with publishing on. Measured " + p.path("started_at").asText()
                + " (load average " + p.path("load_average_start") + " at the start, " + p.path("load_average_end")
                + " at the end), on the machine described above, shared with other builds and tests: off and on ran "
                + "one after the other, so a change in the machine's load between them shows as a difference.");
        line("");
        table(List.of("", "commands/s", "p50", "p99", "published events/s (warm-up included)"),
                List.of("off", num(off.path("per_s")), ms(off.path("p50_ms")), ms(off.path("p99_ms")), "—"),
                List.of("on", num(on.path("per_s")), ms(on.path("p50_ms")), ms(on.path("p99_ms")),
                        num(on.path("publisher_per_s")) + " (lag at the end " + num(on.path("publisher_lag_at_end"))
                                + ", drained in " + on.path("publisher_drain_s").asText() + " s)"),
                List.of("catch-up", "—", "—", "—", num(p.path("catch_up").path("per_s")) + " ("
                        + num(p.path("catch_up").path("events")) + " events in "
                        + p.path("catch_up").path("seconds_with_start").asText() + " s, the service's start included)"));
        line("Commands with publishing on: " + pct(-p.path("command_loss").asDouble()) + " against off. CPU per "
                + "command (cores used during the step divided by commands per second), which depends less on what "
                + "else the machine runs:");
        line("");
        List<List<String>> rows = new ArrayList<>();
        for (String run : List.of("off", "on")) {
            JsonNode cores = p.path(run).path("cpu_cores");
            JsonNode perSecond = p.path(run).path("per_s");
            rows.add(List.of(run, perOperation(cores.path("command_service"), perSecond),
                    perOperation(cores.path("kafka"), perSecond), perOperation(cores.path("postgres"), perSecond),
                    cores.path("machine").asText("—")));
        }
        table(List.of("", "command service", "Kafka broker", "PostgreSQL", "machine, cores busy"), rows.toArray(List[]::new));
    }

    private void time() {
        JsonNode t = r.path("time");
        if (t.isMissingNode()) {
            return;
        }
        line("## 9. Time on the read side");
        line("");
        line("One account of " + num(t.path("events")) + " events (opened, then deposits one after the other), read "
                + "by one client over HTTP, one request at a time, each read " + "repeated after a warm-up. Aim: the "
                + "account as of an instant within a factor of 2 of a plain GET. The as-of answer is three index "
                + "look-ups on the ledger and the status changes, never a fold of the events (docs/time.md).");
        line("");
        List<List<String>> rows = new ArrayList<>();
        double plain = t.path("latency").path("plain GET").path("p50_ms").asDouble(Double.NaN);
        t.path("latency").properties().forEach(read -> rows.add(List.of(read.getKey(),
                ms(read.getValue().path("p50_ms")), ms(read.getValue().path("p99_ms")),
                Double.isNaN(plain) ? "—" : String.format(Locale.ROOT, "%.2fx",
                        read.getValue().path("p50_ms").asDouble() / plain))));
        table(List.of("read", "p50", "p99", "p50 against the plain GET"), rows.toArray(List[]::new));
        JsonNode ryw = t.path("read_your_writes");
        line("Read-your-writes under load: " + ryw.path("clients").asInt() + " clients, each sending a deposit and "
                + "at once reading its account with the deposit's `Event-Position` in `Min-Event-Position`, for "
                + ryw.path("duration_s").asInt() + " s (" + num(ryw.path("commands_per_s")) + " commands/s). The "
                + "read's latency includes the wait for the projection to store its token.");
        line("");
        table(List.of("", "p50", "p99", "count"),
                List.of("command (deposit)", ms(ryw.path("command_p50_ms")), ms(ryw.path("command_p99_ms")),
                        num(ryw.path("reads"))),
                List.of("read with Min-Event-Position", ms(ryw.path("read_p50_ms")), ms(ryw.path("read_p99_ms")),
                        num(ryw.path("reads")) + " (stale " + num(ryw.path("stale")) + ", 503 "
                                + num(ryw.path("not_yet_consistent")) + ")"));
    }

    /**
     * Section 10: what each feature costs. The idempotency keys and the Kafka publisher from this run's workloads,
     * then {@code featureCosts}: the features measured by runs of builds with and without them.
     */
    private void features(String featureCosts) {
        JsonNode f = r.path("features");
        JsonNode p = r.path("publisher");
        if (f.isMissingNode() && p.isMissingNode() && featureCosts.isEmpty()) {
            return;
        }
        line("## 10. What each feature costs");
        line("");
        line("Each feature against the same command workload without it: the command service alone, 16 clients in a "
                + "closed loop, uniform accounts. Throughput and p99 are this machine's at the time; CPU per command "
                + "(the service's cores divided by commands per second) depends less on what else runs.");
        line("");
        List<List<String>> rows = new ArrayList<>();
        if (!f.isMissingNode()) {
            JsonNode plain = f.path("plain");
            JsonNode keyed = f.path("idempotency_key");
            rows.add(List.of("`Idempotency-Key` on every command (workload 10, " + plain.size() + " interleaved rounds "
                            + "each)", change(mean(plain, "per_s"), mean(keyed, "per_s")) + " (" + num(mean(plain, "per_s"))
                            + " → " + num(mean(keyed, "per_s")) + "/s)",
                    ms(mean(plain, "p99_ms")) + " → " + ms(mean(keyed, "p99_ms")),
                    perCommand(plain) + " → " + perCommand(keyed)));
        }
        if (!p.isMissingNode()) {
            JsonNode off = p.path("off");
            JsonNode on = p.path("on");
            rows.add(List.of("the event stream on Kafka (section 7)",
                    change(off.path("per_s").asDouble(), on.path("per_s").asDouble()) + " (" + num(off.path("per_s"))
                            + " → " + num(on.path("per_s")) + "/s)",
                    ms(off.path("p99_ms")) + " → " + ms(on.path("p99_ms")),
                    perOperation(off.path("cpu_cores").path("command_service"), off.path("per_s")) + " → "
                            + perOperation(on.path("cpu_cores").path("command_service"), on.path("per_s"))));
        }
        if (!rows.isEmpty()) {
            table(List.of("feature", "commands/s", "p99", "command-service CPU per command"), rows.toArray(List[]::new));
        }
        md.append(featureCosts);
    }

    private static double mean(JsonNode rounds, String field) {
        double sum = 0;
        for (JsonNode round : rounds) {
            sum += round.path(field).asDouble();
        }
        return rounds.isEmpty() ? Double.NaN : sum / rounds.size();
    }

    private static String ms(double value) {
        return ms(DoubleNode.valueOf(value));
    }

    private static String perCommand(JsonNode rounds) {
        double cores = 0;
        double perSecond = 0;
        for (JsonNode round : rounds) {
            cores += round.path("cpu_cores").path("command_service").asDouble();
            perSecond += round.path("per_s").asDouble();
        }
        return perSecond <= 0 ? "—" : String.format(Locale.ROOT, "%.2f ms", cores / perSecond * 1000);
    }

    private static String change(double before, double after) {
        return Double.isNaN(before) || before <= 0 ? "—" : String.format(Locale.ROOT, "%+.0f%%", (after / before - 1) * 100);
    }

    private static void footprintRow(List<List<String>> rows, String name, JsonNode f) {
        if (!f.isMissingNode()) {
            rows.add(List.of(name, num(f.path("command_rss_mib_peak")) + " MiB",
                    num(f.path("query_rss_mib_peak")) + " MiB", num(f.path("command_heap_used_mib_max")) + " MiB",
                    num(f.path("query_heap_used_mib_max")) + " MiB"));
        }
    }

    // ---- formatting

    private static List<String> row(String target, String goal, String measured, boolean met) {
        return List.of(target, goal, measured, met ? "yes" : "**no**");
    }

    @SafeVarargs
    private void table(List<String> header, List<String>... rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + " --- |".repeat(header.size()));
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row) + " |");
        }
        line("");
    }

    /** CPU time per operation: cores used divided by operations per second, in ms. */
    private static String perOperation(JsonNode cores, JsonNode perSecond) {
        if (!cores.isNumber() || !perSecond.isNumber() || perSecond.asDouble() <= 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f ms", cores.asDouble() / perSecond.asDouble() * 1000);
    }

    private static boolean below(JsonNode value, double limit) {
        return value.isNumber() && value.asDouble() < limit;
    }

    private static String num(JsonNode value) {
        return value.isNumber() ? num(value.asDouble()) : "—";
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ms(JsonNode value) {
        if (!value.isNumber()) {
            return "—";
        }
        double v = value.asDouble();
        return String.format(Locale.ROOT, v < 10 ? "%.1f ms" : "%.0f ms", v);
    }

    private static String x(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2fx", value.asDouble()) : "—";
    }

    private static String pct(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f%%", value * 100);
    }

    private static String first(String text) {
        int comma = text.indexOf(" on ");
        return comma > 0 ? text.substring(0, comma) : text;
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
