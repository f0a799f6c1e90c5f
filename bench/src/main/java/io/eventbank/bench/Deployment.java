package io.eventbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.PostgresDatabases;
import io.eventbank.testsupport.ServicePair;
import io.eventbank.testsupport.ServiceProcess;
import io.eventbank.testsupport.TestTokens;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two services as processes on databases made for them: the command service owns {@link #eventStore}, the query
 * service reads it and keeps its read models in {@link #readModel}. A {@link Settings} says how both are configured.
 */
final class Deployment implements AutoCloseable {

    /** The settings a run uses: environment of each service and the JVM options of both. */
    record Settings(String name, Map<String, String> command, Map<String, String> query, List<String> jvmOptions) {
    }

    final String eventStore;
    final String readModel;
    final Settings settings;
    private final Path commandJar;
    private final Path queryJar;
    private final List<ServiceProcess> started = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    ServiceProcess command;
    ServiceProcess query;

    Deployment(Settings settings, Path commandJar, Path queryJar) {
        this(settings, commandJar, queryJar, PostgresDatabases.create("bench"));
        databases.add(eventStore);
    }

    /** On an event store that already exists and that the caller drops. */
    Deployment(Settings settings, Path commandJar, Path queryJar, String eventStore) {
        this.settings = settings;
        this.commandJar = commandJar;
        this.queryJar = queryJar;
        this.eventStore = eventStore;
        this.readModel = PostgresDatabases.create("bench");
        databases.add(readModel);
    }

    ServiceProcess startCommand(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(ServicePair.commandEnvironment(eventStore));
        environment.putAll(TestTokens.environment());
        environment.putAll(settings.command());
        environment.putAll(overrides);
        environment.putAll(experiment("BENCH_COMMAND_"));
        command = start("command-service", commandJar, environment);
        return command;
    }

    ServiceProcess startQuery(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(ServicePair.queryEnvironment(eventStore, readModel));
        environment.putAll(TestTokens.environment());
        environment.putAll(settings.query());
        environment.putAll(overrides);
        environment.putAll(experiment("BENCH_QUERY_"));
        query = start("query-service", queryJar, environment);
        return query;
    }

    /** Variables of the benchmark's own environment, e.g. BENCH_QUERY_PROJECTION_BATCH_SIZE, for a try-out. */
    private static Map<String, String> experiment(String prefix) {
        Map<String, String> variables = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                variables.put(name.substring(prefix.length()), value);
            }
        });
        return variables;
    }

    private ServiceProcess start(String name, Path jar, Map<String, String> environment) {
        ServiceProcess process = new ServiceProcess(name, jar, environment,
                withRecording(settings.jvmOptions(), name + "-" + settings.name()));
        started.add(process);
        return process.start();
    }

    /** The options, and with the system property {@code bench.jfr} a flight recording of the process there. */
    static List<String> withRecording(List<String> options, String name) {
        List<String> jvmOptions = new ArrayList<>(options);
        String recordings = System.getProperty("bench.jfr");
        if (recordings != null) {
            jvmOptions.add("-XX:StartFlightRecording=settings=profile,filename=" + recordings + "/" + name + "-"
                    + System.currentTimeMillis() + ".jfr");
        }
        return jvmOptions;
    }

    HttpClientSupport commandHttp() {
        return command.http();
    }

    HttpClientSupport queryHttp() {
        return query.http();
    }

    /** Heap in use, in MiB, as the service's actuator reports it; NaN if it cannot tell. */
    static double heapUsedMiB(ServiceProcess service) {
        try {
            JsonNode metric = service.http().get("/actuator/metrics/jvm.memory.used?tag=area:heap").json();
            return metric.get("measurements").get(0).get("value").asDouble() / (1024 * 1024);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void stopAll() {
        started.forEach(ServiceProcess::stop);
        started.clear();
    }

    @Override
    public void close() {
        stopAll();
        databases.forEach(PostgresDatabases::drop);
    }
}
