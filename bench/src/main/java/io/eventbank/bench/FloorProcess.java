package io.eventbank.bench;

import io.eventbank.testsupport.PostgresDatabases;
import io.eventbank.testsupport.ServiceProcess;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpFloor} as a process of its own
 * ({@code java -cp <the benchmark's class path> io.eventbank.bench.HttpFloor}) on a free port, appending to the given
 * database, with the given JVM options and environment; it logs to {@code http-floor-<port>.log} beside the services'
 * logs.
 */
final class FloorProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private FloorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static FloorProcess start(String database, List<String> jvmOptions, Map<String, String> environment)
            throws InterruptedException {
        int port = ServiceProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HttpFloor.class.getName()));
        Path logs = ServiceProcess.logRoot();
        Process process;
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logs.toFile(),
                            "http-floor-" + port + ".log")));
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().put("SPRING_DATASOURCE_URL", PostgresDatabases.jdbcUrl(database));
            builder.environment().put("SPRING_DATASOURCE_USERNAME", PostgresDatabases.user());
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", PostgresDatabases.password());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP floor", e);
        }
        FloorProcess floor = new FloorProcess(process, port);
        floor.awaitReady(90);
        return floor;
    }

    private void awaitReady(int timeoutSeconds) throws InterruptedException {
        long until = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the HTTP floor exited with " + process.exitValue()
                        + "; see its log in " + ServiceProcess.logRoot());
            }
            try (KeepAliveClient http = new KeepAliveClient(port)) {
                if (http.get("/ready").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                // not up yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the HTTP floor did not answer within " + timeoutSeconds + " s");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
