package io.eventbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.KafkaBrokerProcess;
import io.eventbank.testsupport.PostgresDatabases;
import io.eventbank.testsupport.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark of {@code scripts/bench.sh}: the workloads of docs/performance.md against both packaged services,
 * each started as its own process on fresh databases, then bench/results/latest.json and docs/performance.md.
 * <p>
 * Arguments: {@code --quick} (short runs for development),
 * {@code --only=ceiling,floor,alone,features,commands,baseline,replay,long,publisher,time}
 * (a subset; the JSON then holds only those), {@code --report-only} (rewrite the report from the JSON). The system
 * property {@code bench.jars} points at another checkout's built jars, e.g. to measure an earlier version;
 * {@code bench.jvmOptions} replaces the services' JVM options.
 */
public final class Bench {

    /**
     * JVM options the services are benchmarked with, and that docs/performance.md recommends; the system property
     * {@code bench.jvmOptions} (space-separated) replaces them, to compare others.
     */
    static final List<String> RECOMMENDED_JVM_OPTIONS = System.getProperty("bench.jvmOptions") != null
            ? List.of(System.getProperty("bench.jvmOptions").trim().split("\\s+"))
            : List.of("-Xms64m", "-Xmx160m", "-XX:+UseG1GC", "-XX:MetaspaceSize=96m", "-XX:MaxMetaspaceSize=160m",
                    "-XX:ReservedCodeCacheSize=96m", "-Xss512k", "-XX:MaxDirectMemorySize=32m");

    /** Fewer malloc arenas: glibc would otherwise keep one per core and thread burst, resident but mostly empty. */
    static final Map<String, String> RECOMMENDED_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    static final Deployment.Settings TUNED = new Deployment.Settings("tuned", RECOMMENDED_ENVIRONMENT,
            RECOMMENDED_ENVIRONMENT, RECOMMENDED_JVM_OPTIONS);

    /** What a user of Axon gets without this project's tuning; plain {@code java -jar}, default JVM options. */
    static final Deployment.Settings OUT_OF_THE_BOX = new Deployment.Settings("out-of-the-box",
            Map.of("AGGREGATE_CACHE", "none", "SNAPSHOT_THRESHOLD", "2000000000", "DB_POOL_SIZE", "10",
                    "AXON_TIMEOUTS", "true"),
            Map.of("PROJECTION_SEGMENTS", "1", "PROJECTION_BATCH_SIZE", "1", "PROJECTION_FETCH_DELAY", "1000ms",
                    "PROJECTION_WAKE_ON_FETCH", "false", "DB_POOL_SIZE", "10", "EVENTSTORE_POOL_SIZE", "10",
                    "AXON_TIMEOUTS", "true", "PROJECTION_SHARED_READS", "0",
                    "SPRING_APPLICATION_JSON", """
                            {"axon.eventhandling.processors.accounts.mode": "tracking",
                             "axon.eventhandling.processors.orders.mode": "tracking",
                             "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts": false}"""),
            List.of());

    /** JIT compiler threads below this many cores: the warm-up has ended. */
    private static final double JIT_QUIET_CORES = 0.05;
    private static final double MAX_EXTRA_WARMUP_SECONDS = 120;

    /** Longest a replay is followed, so that the whole benchmark stays under 15 minutes on 2 cores. */
    private static final int REPLAY_WINDOW_SECONDS = 210;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> ALL = Set.of("ceiling", "floor", "alone", "features", "commands", "baseline",
            "replay", "long", "publisher", "time");

    private final boolean quick;
    private final Path root;
    private final Path commandJar;
    private final Path queryJar;
    private final ObjectNode results = JsonNodeFactory.instance.objectNode();

    private Bench(boolean quick, Path root) {
        this.quick = quick;
        this.root = root;
        String version = System.getProperty("bench.version", "0.1.0-SNAPSHOT");
        Path jars = Path.of(System.getProperty("bench.jars", root.toString()));
        this.commandJar = jars.resolve("command-service/target/command-service-" + version + ".jar");
        this.queryJar = jars.resolve("query-service/target/query-service-" + version + ".jar");
        System.setProperty("e2e.logDir", root.resolve("bench/target/logs").toString());
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        boolean quick = arguments.contains("--quick");
        Set<String> only = arguments.stream().filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> Set.of(a.substring("--only=".length()).split(","))).orElse(ALL);
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String result = System.getProperty("bench.result", quick ? "quick.json" : "latest.json");
        Path json = root.resolve("bench/results/" + result);
        // the report in docs/ is written from the full run's latest.json only; any other run's beside its build
        Path report = root.resolve(result.equals("latest.json") ? "docs/performance.md"
                : "bench/target/performance-" + result.replaceFirst("\\.json$", "") + ".md");
        if (arguments.contains("--report-only")) {
            Report.write((ObjectNode) JSON.readTree(json.toFile()), root, report);
            return;
        }
        Bench bench = new Bench(quick, root);
        bench.run(only);
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), bench.results);
        Report.write(bench.results, root, report);
        System.out.println("wrote " + root.relativize(json) + " and " + root.relativize(report));
        // the test tokens' JWKS server (com.sun.net.httpserver) keeps a non-daemon dispatcher thread alive
        System.exit(0);
    }

    private void run(Set<String> only) throws Exception {
        long started = System.nanoTime();
        results.put("mode", quick ? "quick" : "full");
        results.put("started_at", Instant.now().toString());
        results.set("machine", machine());
        results.set("load_average_start", loadAverage());
        results.set("jvm_options", array(RECOMMENDED_JVM_OPTIONS));
        if (only.contains("ceiling")) {
            log("workload 1: ceiling");
            results.set("ceiling", ceiling());
        }
        if (only.contains("floor")) {
            log("workload 2a: the HTTP floor");
            results.set("http_floor", floor());
        }
        if (only.contains("alone")) {
            log("workload 2b: the command service alone");
            results.set("command_alone", commandAlone());
        }
        if (only.contains("features")) {
            log("workload 10: commands with and without an Idempotency-Key");
            results.set("features", features());
        }
        if (only.contains("commands")) {
            log("workloads 2, 3, 6: commands to the pair, projection lag, footprint (tuned)");
            results.set("commands", commands(TUNED, true));
        }
        if (only.contains("baseline")) {
            log("workload 2 and 3 with Axon's out-of-the-box settings");
            results.set("commands_out_of_the_box", commands(OUT_OF_THE_BOX, false));
        }
        if (only.contains("replay") || only.contains("replay-tuned")) {
            log("workload 4: replay");
            results.set("replay", replay(only));
        }
        if (only.contains("long")) {
            log("workload 5: long streams");
            results.set("long_streams", longStreams());
        }
        if (only.contains("publisher")) {
            log("workload 7: the event stream on Kafka, on versus off");
            results.set("publisher", publisher());
        }
        if (only.contains("time")) {
            log("workload 9: time on the read side");
            results.set("time", time());
        }
        results.set("load_average_end", loadAverage());
        results.put("wall_s", Math.round((System.nanoTime() - started) / 1e9));
        summarize(results);
    }

    // ---- workload 1

    private ObjectNode ceiling() throws Exception {
        ObjectNode ceiling = JsonNodeFactory.instance.objectNode();
        String plain = PostgresDatabases.create("bench");
        String notified = PostgresDatabases.create("bench");
        try {
            EventStoreSchema.apply(plain, EventStoreSchema.TABLES);
            EventStoreSchema.apply(notified, EventStoreSchema.TABLES, EventStoreSchema.NOTIFY_TRIGGER);
            ArrayNode single = ceiling.putArray("single");
            ArrayNode withNotify = ceiling.putArray("single_with_notify_trigger");
            for (int clients : clientCounts()) {
                single.add(new Ceiling(plain).run("single", clients, 1, 1, seconds() - 2));
                withNotify.add(new Ceiling(notified).run("single+notify", clients, 1, 1, seconds() - 2));
            }
            ArrayNode batched = ceiling.putArray("batched");
            for (int clients : new int[] {1, 4}) {
                batched.add(new Ceiling(plain).run("batched", clients, 100, 1, seconds() - 2));
            }
        } finally {
            PostgresDatabases.drop(plain);
            PostgresDatabases.drop(notified);
        }
        return ceiling;
    }

    // ---- workloads 2a and 2b: the HTTP floor and the command service alone

    /**
     * The HTTP floor ({@link HttpFloor}) as a process of its own with the services' JVM options and environment, on a
     * fresh event table made by the event store's migration, driven like the command service: the same client,
     * warm-up and uniform closed-loop steps, over as many accounts (random ids: the floor has nothing to open).
     */
    private ObjectNode floor() throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("jvm_options", array(RECOMMENDED_JVM_OPTIONS));
        result.set("environment", JSON.valueToTree(RECOMMENDED_ENVIRONMENT));
        String database = PostgresDatabases.create("bench");
        try {
            EventStoreSchema.apply(database, EventStoreSchema.TABLES);
            try (FloorProcess floor = FloorProcess.start(database,
                    Deployment.withRecording(RECOMMENDED_JVM_OPTIONS, "http-floor"), RECOMMENDED_ENVIRONMENT)) {
                List<String> accounts = new ArrayList<>();
                for (int i = 0; i < accountCount(); i++) {
                    accounts.add(UUID.randomUUID().toString());
                }
                CommandLoad load = new CommandLoad(floor.port(), accounts);
                warmUp(result, load, 25, floor.pid());
                double peak = closedLoop(result.putArray("steps"), load, List.of(CommandLoad.Distribution.UNIFORM),
                        true, floor.pid(), -1, "http_floor");
                result.put("peak_per_s", Math.round(peak));
            }
        } finally {
            PostgresDatabases.drop(database);
        }
        return result;
    }

    /** The command workload's uniform steps and half-peak step with only the command service running. */
    private ObjectNode commandAlone() throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("settings", TUNED.name());
        try (Deployment deployment = new Deployment(TUNED, commandJar, queryJar)) {
            deployment.startCommand(Map.of());
            List<String> accounts = openAccounts(deployment.commandHttp(), accountCount(), "1000000");
            CommandLoad load = new CommandLoad(deployment.command.port(), accounts);
            warmUp(result, load, 25, deployment.command.pid());
            double peak = closedLoop(result.putArray("steps"), load, List.of(CommandLoad.Distribution.UNIFORM), true,
                    deployment.command.pid(), -1, "command_service");
            result.put("peak_per_s", Math.round(peak));
            result.set("half_peak", halfPeak(load, peak, deployment.command.pid(), -1));
        }
        return result;
    }

    /**
     * What an {@code Idempotency-Key} on every command costs: the command service alone, 16 clients in a closed loop,
     * rounds without and with a fresh key per command, interleaved (plain, keyed, plain, keyed) so that a change in
     * the machine's load falls on both.
     */
    private ObjectNode features() throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("started_at", Instant.now().toString());
        result.set("load_average_start", loadAverage());
        try (Deployment deployment = new Deployment(TUNED, commandJar, queryJar)) {
            deployment.startCommand(Map.of());
            List<String> accounts = openAccounts(deployment.commandHttp(), accountCount(), "1000000");
            CommandLoad plain = new CommandLoad(deployment.command.port(), accounts);
            Map<String, CommandLoad> variants = new LinkedHashMap<>();
            variants.put("plain", plain);
            variants.put("idempotency_key", plain.withIdempotencyKeys());
            Map<String, ArrayNode> rounds = new LinkedHashMap<>();
            for (Map.Entry<String, CommandLoad> variant : variants.entrySet()) {
                warmUp(result, variant.getValue(), 15, deployment.command.pid());
                rounds.put(variant.getKey(), result.putArray(variant.getKey()));
            }
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, CommandLoad> variant : variants.entrySet()) {
                    CpuMeter cpu = new CpuMeter(deployment.command.pid(), -1);
                    ObjectNode step = variant.getValue().run(new CommandLoad.Step(variant.getKey(), 16,
                            CommandLoad.Distribution.UNIFORM, warmup(), seconds(), 0));
                    step.set("cpu_cores", cores(cpu, -1, "command_service"));
                    log("  " + step);
                    rounds.get(variant.getKey()).add(step);
                }
            }
        }
        result.set("load_average_end", loadAverage());
        return result;
    }

    /** Commands from 16 clients for the JIT before the measured steps (5 s in a quick run). */
    private void warmUp(ObjectNode result, CommandLoad load, double seconds) throws InterruptedException {
        double jit = quick ? 5 : seconds;
        log("  warming up: " + jit + " s of commands from 16 clients");
        load.run(new CommandLoad.Step("JVM warm-up", 16, CommandLoad.Distribution.UNIFORM, 0, jit, 0));
        result.put("jvm_warmup_s", jit);
    }

    /**
     * The warm-up, then more rounds of 5 s until the service's JIT compiler threads use less than
     * {@link #JIT_QUIET_CORES} of a core (at most {@link #MAX_EXTRA_WARMUP_SECONDS} more; none in a quick run): a
     * large application such as the command service compiles for a minute or more under load, and a step measured
     * meanwhile counts the compiler's CPU as the service's, which a long-running service does not spend.
     */
    private void warmUp(ObjectNode result, CommandLoad load, double seconds, long pid) throws InterruptedException {
        warmUp(result, load, seconds);
        if (quick) {
            return;
        }
        double extra = 0;
        double compilerCores = Double.NaN;
        while (extra < MAX_EXTRA_WARMUP_SECONDS) {
            double before = Machine.compilerCpuSeconds(pid);
            long started = System.nanoTime();
            load.run(new CommandLoad.Step("JVM warm-up", 16, CommandLoad.Distribution.UNIFORM, 0, 5, 0));
            extra += 5;
            compilerCores = (Machine.compilerCpuSeconds(pid) - before) / ((System.nanoTime() - started) / 1e9);
            if (!(compilerCores >= JIT_QUIET_CORES)) {
                break;
            }
        }
        log("  warmed up " + extra + " s more; JIT compiler threads at " + String.format(Locale.ROOT, "%.2f",
                compilerCores) + " cores");
        result.put("jvm_warmup_s", seconds + extra);
        result.put("jit_compiler_cores_at_start", Math.round(compilerCores * 100) / 100.0);
    }

    /**
     * A closed-loop step per distribution and client count, each with the CPU used by the service under load
     * (under {@code serviceKey}) and by the query service if one runs ({@code queryPid} >= 0); answers the uniform
     * peak. Short steps ({@code full} false) measure 60% as long.
     */
    private double closedLoop(ArrayNode steps, CommandLoad load, List<CommandLoad.Distribution> distributions,
                              boolean full, long servicePid, long queryPid, String serviceKey)
            throws InterruptedException {
        double peak = 0;
        for (CommandLoad.Distribution distribution : distributions) {
            for (int clients : clientCounts()) {
                CpuMeter cpu = new CpuMeter(servicePid, queryPid);
                ObjectNode step = load.run(new CommandLoad.Step("closed-loop", clients, distribution,
                        warmup(), full ? seconds() : Math.ceil(seconds() * 0.6), 0));
                step.set("cpu_cores", cores(cpu, queryPid, serviceKey));
                steps.add(step);
                log("  " + step);
                if (distribution == CommandLoad.Distribution.UNIFORM) {
                    peak = Math.max(peak, step.get("per_s").asDouble());
                }
            }
        }
        return peak;
    }

    /** 16 clients paced at half of the peak, latency counted from when each command was due. */
    private ObjectNode halfPeak(CommandLoad load, double peak, long commandPid, long queryPid)
            throws InterruptedException {
        CpuMeter cpu = new CpuMeter(commandPid, queryPid);
        ObjectNode half = load.run(new CommandLoad.Step("paced at half of peak", 16,
                CommandLoad.Distribution.UNIFORM, warmup(), seconds(), peak / 2));
        half.set("cpu_cores", cores(cpu, queryPid, "command_service"));
        log("  " + half);
        return half;
    }

    private static ObjectNode cores(CpuMeter cpu, long queryPid, String serviceKey) {
        ObjectNode cores = cpu.coresUsed();
        if (queryPid < 0) {
            cores.remove("query_service");
        }
        if (!serviceKey.equals("command_service")) {
            cores.set(serviceKey, cores.remove("command_service"));
        }
        return cores;
    }

    // ---- workloads 2, 3 and 6

    private ObjectNode commands(Deployment.Settings settings, boolean full) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("settings", settings.name());
        result.set("command_environment", JSON.valueToTree(settings.command()));
        result.set("query_environment", JSON.valueToTree(settings.query()));
        result.set("jvm_options", array(settings.jvmOptions()));
        try (Deployment deployment = new Deployment(settings, commandJar, queryJar)) {
            deployment.startCommand(Map.of());
            deployment.startQuery(Map.of());
            HttpClientSupport command = deployment.commandHttp();
            List<String> accounts = openAccounts(command, accountCount(), "1000000");
            List<String> probes = openAccounts(command, 5, "1000");
            awaitCaughtUp(deployment.queryHttp(), 120);
            LagProbe lag = new LagProbe(deployment.command.port(), deployment.query.port(), probes);
            result.set("lag_idle", lag.run("idle", quick ? 5 : 12, 200));

            CommandLoad load = new CommandLoad(deployment.command.port(), accounts);
            warmUp(result, load, full ? 25 : 15, deployment.command.pid());
            ArrayNode steps = result.putArray("steps");
            double peak;
            try (MemorySampler memory = new MemorySampler(deployment.command, deployment.query)) {
                peak = closedLoop(steps, load, full ? List.of(CommandLoad.Distribution.values())
                                : List.of(CommandLoad.Distribution.UNIFORM), full,
                        deployment.command.pid(), deployment.query.pid(), "command_service");
                result.put("peak_per_s", Math.round(peak));
                ExecutorService probeThread = Executors.newSingleThreadExecutor();
                try {
                    Future<ObjectNode> lagUnderLoad = probeThread.submit(
                            () -> lag.run("half-peak load", seconds() + warmup(), 10_000));
                    result.set("half_peak", halfPeak(load, peak, deployment.command.pid(), deployment.query.pid()));
                    result.set("lag_load", lagUnderLoad.get());
                    log("  " + result.get("lag_load"));
                } finally {
                    probeThread.shutdownNow();
                }
                result.set("footprint", memory.summary());
            }
            if (full) {
                deployment.query.stop();
                deployment.startQuery(Map.of("PROJECTION_WAKE_ON_FETCH", "false", "PROJECTION_FETCH_DELAY", "100ms"));
                awaitCaughtUp(deployment.queryHttp(), 60);
                result.set("lag_idle_before",
                        new LagProbe(deployment.command.port(), deployment.query.port(), probes).run("idle, before: 100 ms fetch delay, 500 ms processor re-check",
                                quick ? 5 : 12, 200));
            }
        }
        return result;
    }

    // ---- workload 9

    /** As-of, statement and history on a 10,000-event account, and read-your-writes under load. */
    private ObjectNode time() throws Exception {
        try (Deployment deployment = new Deployment(TUNED, commandJar, queryJar)) {
            deployment.startCommand(Map.of());
            deployment.startQuery(Map.of());
            return new TimeReads(deployment.commandHttp(), deployment.queryHttp(), quick).run();
        }
    }

    // ---- workload 7

    /**
     * Commands per second with the event stream off, then on, on one event store; in between, how fast the publisher
     * sends the history the first run wrote (it starts from the first event). The broker is a process of its own.
     */
    private ObjectNode publisher() throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("started_at", Instant.now().toString());
        result.set("load_average_start", loadAverage());
        int clients = 16;
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(root.resolve("bench/target/kafka"));
             Deployment deployment = new Deployment(TUNED, commandJar, queryJar)) {
            deployment.startCommand(Map.of());
            List<String> accounts = openAccounts(deployment.commandHttp(), accountCount(), "1000000");
            result.set("off", commandsFor(deployment, accounts, clients, kafka.pid()));

            deployment.command.stop();
            long started = System.nanoTime();
            deployment.startCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
            HttpClientSupport command = deployment.commandHttp();
            long head = awaitPublished(command, 300);
            double seconds = (System.nanoTime() - started) / 1e9;
            ObjectNode catchUp = result.putObject("catch_up");
            catchUp.put("events", head);
            catchUp.put("seconds_with_start", Math.round(seconds * 10) / 10.0);
            catchUp.put("per_s", Math.round(head / seconds));
            log("  publisher caught up with " + head + " events in " + catchUp.get("seconds_with_start") + " s");

            long before = publisherStatus(command).path("position").asLong();
            long loadStarted = System.nanoTime();
            ObjectNode on = commandsFor(deployment, accounts, clients, kafka.pid());
            JsonNode after = publisherStatus(command);
            on.put("publisher_per_s", Math.round((after.path("position").asLong() - before)
                    / ((System.nanoTime() - loadStarted) / 1e9)));
            on.put("publisher_lag_at_end", after.path("lag").asLong());
            on.put("publisher_drain_s", Math.round(awaitPublishedSeconds(command) * 10) / 10.0);
            result.set("on", on);
            result.put("command_loss", Math.round(1000 * (1 - on.path("per_s").asDouble()
                    / result.path("off").path("per_s").asDouble())) / 1000.0);
            result.set("load_average_end", loadAverage());
        }
        return result;
    }

    /** A closed-loop step of commands; its CPU in cores, the broker's in place of the (absent) query service's. */
    private ObjectNode commandsFor(Deployment deployment, List<String> accounts, int clients, long brokerPid)
            throws Exception {
        CommandLoad load = new CommandLoad(deployment.command.port(), accounts);
        load.run(new CommandLoad.Step("JVM warm-up", clients, CommandLoad.Distribution.UNIFORM, 0, quick ? 5 : 20, 0));
        CpuMeter cpu = new CpuMeter(deployment.command.pid(), brokerPid);
        ObjectNode step = load.run(new CommandLoad.Step("closed-loop", clients, CommandLoad.Distribution.UNIFORM,
                warmup(), seconds() * 2, 0));
        ObjectNode cores = cpu.coresUsed();
        cores.set("kafka", cores.remove("query_service"));
        step.set("cpu_cores", cores);
        log("  " + step);
        return step;
    }

    /** Waits until the publisher has sent everything in the store; answers the store's head. */
    private static long awaitPublished(HttpClientSupport command, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode status = publisherStatus(command);
            if (status.path("state").asText().equals("RUNNING") && status.path("lag").asLong() == 0
                    && status.path("head").asLong() > 0) {
                return status.path("head").asLong();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the publisher did not catch up in " + timeoutSeconds + " s");
    }

    private static double awaitPublishedSeconds(HttpClientSupport command) throws InterruptedException {
        long started = System.nanoTime();
        awaitPublished(command, 300);
        return (System.nanoTime() - started) / 1e9;
    }

    private static JsonNode publisherStatus(HttpClientSupport command) {
        try {
            return command.get("/api/admin/publisher").json();
        } catch (RuntimeException notYetUp) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private List<String> openAccounts(HttpClientSupport http, int count, String deposit) throws Exception {
        List<String> accounts = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    String account = http.openAccount("Bench " + n);
                    if (http.deposit(account, deposit).status() != 200) {
                        throw new IllegalStateException("first deposit failed");
                    }
                    accounts.add(account);
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return new ArrayList<>(accounts);
    }

    /** Waits until every processor of the query service has reached the head of the event store. */
    static double awaitCaughtUp(HttpClientSupport query, int timeoutSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long until = start + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (caughtUp(query)) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the query service did not catch up within " + timeoutSeconds + " s");
    }

    private static boolean caughtUp(HttpClientSupport query) {
        JsonNode projections = projections(query);
        if (projections == null || projections.isEmpty()) {
            return false;
        }
        for (JsonNode projection : projections) {
            if (projection.get("lag").asLong() > 0 || projection.get("replaying").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode projections(HttpClientSupport query) {
        HttpClientSupport.Response response = query.get("/api/admin/projections");
        return response.status() == 200 ? response.json() : null;
    }

    // ---- workload 4

    private ObjectNode replay(Set<String> only) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        long events = quick ? 100_000 : 1_000_000;
        int accounts = quick ? 2_000 : 10_000;
        String eventStore = PostgresDatabases.create("bench");
        try {
            EventStoreSchema.apply(eventStore, EventStoreSchema.TABLES, EventStoreSchema.VIEW);
            long start = System.nanoTime();
            long written;
            try (EventGenerator generator = new EventGenerator(eventStore, Instant.now().minusSeconds(events / 1000 + 60))) {
                generator.mixedHistory(accounts, events);
                written = generator.written();
            }
            try (Connection connection = EventStoreSchema.connect(eventStore);
                 Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE domain_event_entry");
            }
            result.put("events", written);
            result.put("accounts", accounts);
            result.put("generate_s", round1((System.nanoTime() - start) / 1e9));
            log("  generated " + written + " events in " + result.get("generate_s") + " s");
            result.set("tuned", catchUp(TUNED, eventStore, written, quick ? 0 : REPLAY_WINDOW_SECONDS));
            log("  " + result.get("tuned"));
            if (!only.contains("replay-tuned")) {
                result.set("out_of_the_box", catchUp(OUT_OF_THE_BOX, eventStore, written, quick ? 15 : 30));
                log("  " + result.get("out_of_the_box"));
            }
        } finally {
            PostgresDatabases.drop(eventStore);
        }
        return result;
    }

    /**
     * Starts a query service on a fresh read model over the given event store and times it from readiness to the
     * head; with a {@code window}, only that many seconds of progress are measured.
     */
    private ObjectNode catchUp(Deployment.Settings settings, String eventStore, long events, int window)
            throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (Deployment deployment = new Deployment(settings, commandJar, queryJar, eventStore)) {
            long launched = System.nanoTime();
            ServiceProcess query = deployment.startQuery(Map.of());
            long ready = System.nanoTime();
            CpuMeter cpu = new CpuMeter(-1, query.pid());
            long from = slowestPosition(deployment.queryHttp());
            long until = window > 0 ? ready + window * 1_000_000_000L : ready + 900_000_000_000L;
            long position = from;
            while (System.nanoTime() < until && position < events) {
                Thread.sleep(200);
                position = slowestPosition(deployment.queryHttp());
            }
            long end = System.nanoTime();
            double seconds = (end - ready) / 1e9;
            result.put("settings", settings.name());
            result.put("startup_s", round1((ready - launched) / 1e9));
            result.put("position_at_ready", from);
            result.put("position_at_end", position);
            result.put("measured_s", round1(seconds));
            result.put("events_per_s", Math.round((position - from) / seconds));
            result.put("complete", position >= events);
            if (position >= events) {
                result.put("launch_to_caught_up_s", round1((end - launched) / 1e9));
            } else if (position > from) {
                result.put("projected_total_s", round1((events - from) * seconds / (position - from)));
            }
            result.put("query_rss_mib", round1(Machine.statusMiB(query.pid(), "VmHWM")));
            ObjectNode cores = cpu.coresUsed();
            cores.remove("command_service");
            result.set("cpu_cores", cores);
            if (position >= events && settings == TUNED) {
                result.set("beside_live", rebuildBesideLive(deployment.queryHttp(), events, window));
            }
        }
        return result;
    }

    /**
     * Replays both projections of a caught-up read model: each is rebuilt in its idle slot beside the live one and
     * switched to once caught up. Timed from the requests until both have switched; the rate is events per second
     * of the slower rebuild (every event is rebuilt by both projections at once).
     */
    private static ObjectNode rebuildBesideLive(HttpClientSupport query, long events, int window) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        long start = System.nanoTime();
        for (JsonNode projection : projections(query)) {
            HttpClientSupport.Response replay = query.post("/api/admin/projections/"
                    + projection.get("name").asText() + "/replay", null);
            if (replay.status() != 202) {
                throw new IllegalStateException("replay refused: " + replay.status() + " " + replay.body());
            }
        }
        long until = start + (window > 0 ? window : 900) * 1_000_000_000L;
        long rebuilt = 0;
        boolean switched = false;
        while (System.nanoTime() < until && !switched) {
            Thread.sleep(200);
            JsonNode projections = projections(query);
            switched = true;
            rebuilt = Long.MAX_VALUE;
            for (JsonNode projection : projections) {
                JsonNode rebuild = projection.path("rebuild");
                switched &= rebuild.isMissingNode() || rebuild.isNull();
                rebuilt = Math.min(rebuilt, switched ? events : rebuild.path("position").asLong());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("measured_s", round1(seconds));
        result.put("position_at_end", switched ? events : rebuilt);
        result.put("events_per_s", Math.round((switched ? events : rebuilt) / seconds));
        result.put("complete", switched);
        return result;
    }

    /** The position of the processor furthest behind: the read models are rebuilt once it is at the head. */
    private static long slowestPosition(HttpClientSupport query) {
        JsonNode projections = projections(query);
        long slowest = Long.MAX_VALUE;
        for (JsonNode projection : projections) {
            slowest = Math.min(slowest, projection.get("position").asLong());
        }
        return slowest == Long.MAX_VALUE ? 0 : slowest;
    }

    // ---- workload 5

    private ObjectNode longStreams() throws Exception {
        try (Deployment deployment = new Deployment(TUNED, commandJar, queryJar)) {
            return new LongStreams(deployment, quick ? 3 : 5, quick ? 2_000 : 10_000, quick ? 10 : 40).run();
        }
    }

    // ---- summary and machine

    /** Puts the headline numbers of the workloads that ran first in {@code results}, each null where none ran. */
    static void summarize(ObjectNode results) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        JsonNode ceiling = results.path("ceiling");
        JsonNode commands = results.path("commands");
        put(summary, "ceiling_single_tps", max(ceiling.path("single"), "rows_per_s"));
        put(summary, "ceiling_single_tps_with_notify_trigger", max(ceiling.path("single_with_notify_trigger"), "rows_per_s"));
        put(summary, "ceiling_batched_rows_per_s", max(ceiling.path("batched"), "rows_per_s"));
        put(summary, "commands_peak_per_s", commands.path("peak_per_s").asDouble(Double.NaN));
        put(summary, "commands_peak_hot_per_s", maxOf(commands.path("steps"), "hot"));
        put(summary, "commands_p99_ms_at_half_peak", commands.path("half_peak").path("p99_ms").asDouble(Double.NaN));
        put(summary, "lag_p50_ms_load", commands.path("lag_load").path("p50_ms").asDouble(Double.NaN));
        put(summary, "lag_p99_ms_load", commands.path("lag_load").path("p99_ms").asDouble(Double.NaN));
        put(summary, "lag_p50_ms_idle", commands.path("lag_idle").path("p50_ms").asDouble(Double.NaN));
        put(summary, "lag_p99_ms_idle", commands.path("lag_idle").path("p99_ms").asDouble(Double.NaN));
        put(summary, "replay_events_per_s", results.path("replay").path("tuned").path("events_per_s").asDouble(Double.NaN));
        put(summary, "replay_beside_live_events_per_s",
                results.path("replay").path("tuned").path("beside_live").path("events_per_s").asDouble(Double.NaN));
        put(summary, "long_stream_latency_ratio",
                results.path("long_streams").path("with_snapshots").path("cold_ratio").asDouble(Double.NaN));
        put(summary, "rss_mib_max", commands.path("footprint").path("rss_mib_max").asDouble(Double.NaN));
        put(summary, "commands_peak_per_s_out_of_the_box",
                results.path("commands_out_of_the_box").path("peak_per_s").asDouble(Double.NaN));
        put(summary, "replay_events_per_s_out_of_the_box",
                results.path("replay").path("out_of_the_box").path("events_per_s").asDouble(Double.NaN));
        double ceilingTps = summary.path("ceiling_single_tps").asDouble(Double.NaN);
        put(summary, "commands_share_of_ceiling",
                ratio(summary.path("commands_peak_per_s").asDouble(Double.NaN), ceilingTps));
        double floor = results.path("http_floor").path("peak_per_s").asDouble(Double.NaN);
        double alone = results.path("command_alone").path("peak_per_s").asDouble(Double.NaN);
        put(summary, "http_floor_per_s", floor);
        put(summary, "command_alone_peak_per_s", alone);
        put(summary, "command_to_floor_ratio", ratio(alone, floor));
        put(summary, "command_alone_share_of_ceiling", ratio(alone, ceilingTps));
        put(summary, "http_floor_share_of_ceiling", ratio(floor, ceilingTps));
        put(summary, "command_alone_p99_ms_at_half_peak",
                results.path("command_alone").path("half_peak").path("p99_ms").asDouble(Double.NaN));
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        ordered.setAll(summary);
        ordered.setAll(results);
        results.removeAll();
        results.setAll(ordered);
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** {@code part / whole} to three decimals; NaN if either is missing. */
    private static double ratio(double part, double whole) {
        return Double.isNaN(part) || Double.isNaN(whole) || whole <= 0 ? Double.NaN
                : Math.round(part / whole * 1000) / 1000.0;
    }

    private static double max(JsonNode array, String field) {
        double max = Double.NaN;
        for (JsonNode item : array) {
            max = Double.isNaN(max) ? item.get(field).asDouble() : Math.max(max, item.get(field).asDouble());
        }
        return max;
    }

    private static double maxOf(JsonNode steps, String distribution) {
        double max = Double.NaN;
        for (JsonNode step : steps) {
            if (distribution.equals(step.get("distribution").asText())) {
                max = Double.isNaN(max) ? step.get("per_s").asDouble() : Math.max(max, step.get("per_s").asDouble());
            }
        }
        return max;
    }

    private ObjectNode machine() throws Exception {
        ObjectNode machine = JsonNodeFactory.instance.objectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_mib", Machine.memoryMiB());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try (Connection connection = EventStoreSchema.connect("postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version(), current_setting('shared_buffers'), "
                     + "current_setting('synchronous_commit'), current_setting('max_connections')")) {
            rows.next();
            machine.put("postgresql", rows.getString(1));
            machine.put("postgresql_shared_buffers", rows.getString(2));
            machine.put("postgresql_synchronous_commit", rows.getString(3));
            machine.put("postgresql_max_connections", rows.getString(4));
        }
        return machine;
    }

    private static ArrayNode loadAverage() {
        ArrayNode load = JsonNodeFactory.instance.arrayNode();
        for (double value : Machine.loadAverage()) {
            load.add(value);
        }
        return load;
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private int[] clientCounts() {
        return quick ? new int[] {1, 16, 64} : new int[] {1, 4, 16, 64};
    }

    /** Accounts the command workloads spread their commands over. */
    private int accountCount() {
        return quick ? 200 : 1000;
    }

    private double warmup() {
        return quick ? 1 : 2;
    }

    private double seconds() {
        return quick ? 3 : 8;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static void log(String message) {
        System.out.println(Instant.now().toString().substring(11, 19) + " " + message);
    }
}
