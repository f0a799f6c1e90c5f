package io.eventbank.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One packaged service running as its own OS process ({@code java -jar}) on a free port, logging to a file of its own
 * (under {@code e2e.logDir} unless told otherwise). The jar paths come from the system properties
 * {@code e2e.commandJar} and {@code e2e.queryJar}.
 */
public final class ServiceProcess {

    /** A small heap and a quick start: what the tests need. */
    public static final List<String> TEST_JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final int port;
    private final Path log;
    private Process process;
    private int starts;
    private ApiContract contract;

    public ServiceProcess(String name, Path jar, Map<String, String> environment) {
        this(name, jar, environment, TEST_JVM_OPTIONS);
    }

    public ServiceProcess(String name, Path jar, Map<String, String> environment, List<String> jvmOptions) {
        this(name, jar, environment, jvmOptions, logRoot());
    }

    public ServiceProcess(String name, Path jar, Map<String, String> environment, List<String> jvmOptions,
                          Path logDirectory) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; package the services first (./mvnw -B verify does)");
        }
        this.name = name;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = freePort();
        this.log = logDirectory;
    }

    /** Where services log unless told otherwise: {@code e2e.logDir}. */
    public static Path logRoot() {
        return Path.of(System.getProperty("e2e.logDir", "target/e2e-logs"));
    }

    public static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
        }
        return Path.of(value);
    }

    public ServiceProcess start() {
        try {
            Files.createDirectories(log);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logFile(++starts).toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            process = builder.start();
            contract = new ApiContract(baseUrl());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        HttpClientSupport http = http();
        await(name + " healthy").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return http.get("/actuator/health/readiness").status() == 200;
                });
        return this;
    }

    /** Ends the process like a power cut: SIGKILL, no shutdown hooks, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file the latest start of the process writes its output to. */
    public Path logFile() {
        return logFile(starts);
    }

    private Path logFile(int start) {
        return log.resolve(name + "-" + port + "-" + start + ".log");
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the running process. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** A client of this service; its exchanges are checked against the document of the service as now started. */
    public HttpClientSupport http() {
        return new HttpClientSupport(baseUrl(), contract != null ? contract : new ApiContract(baseUrl()));
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A TCP port free on this machine now, for a process to listen on. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
