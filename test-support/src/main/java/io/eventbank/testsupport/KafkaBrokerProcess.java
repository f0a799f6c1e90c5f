package io.eventbank.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.springframework.util.FileSystemUtils;

import java.io.File;
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
 * A one-node KRaft Kafka broker as a process of its own, run from the Kafka jars on the test's class path, that a
 * test can stop and start again with its data: what an embedded broker cannot do. Its log directory and its log are
 * under {@code directory}. The test's class path must hold {@code kafka_2.13} (spring-kafka-test brings it).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path directory;
    private final int port = freePort();
    private final int controllerPort = freePort();
    private final Thread stopOnExit = new Thread(this::kill, "kafka-broker-stop");
    private Process process;
    private int starts;

    private KafkaBrokerProcess(Path directory) {
        this.directory = directory;
    }

    /**
     * Formats a new broker's storage in {@code directory}, emptied first (a previous run's broker is kept there until
     * then, for its log), and starts it; answers once it serves requests.
     */
    public static KafkaBrokerProcess start(Path directory) {
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBrokerProcess broker = new KafkaBrokerProcess(directory);
        broker.format();
        Runtime.getRuntime().addShutdownHook(broker.stopOnExit);
        return broker.start();
    }

    /** The operating system's id of the running broker. */
    public long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on its data, at the same address; answers once it serves requests. */
    public KafkaBrokerProcess start() {
        process = run("kafka.Kafka", config().toString());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000))) {
            await("Kafka broker up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the broker exited; see " + directory);
                        }
                        return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                    });
        }
        return this;
    }

    /** Stops the broker as an operator would (SIGTERM, a controlled shutdown) and waits until it is gone. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** Ends the broker at once (SIGKILL). */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void format() {
        Process formatting = run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config().toString());
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("formatting the broker's storage failed; see " + directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path config() {
        Path config = directory.resolve("server.properties");
        if (Files.exists(config)) {
            return config;
        }
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=4
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, directory.resolve("data").toAbsolutePath());
        try {
            Files.createDirectories(directory);
            Files.writeString(config, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private Process run(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            new File(directory.toFile(), "broker-" + (++starts) + ".log")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
