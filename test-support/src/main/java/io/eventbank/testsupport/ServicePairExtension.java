package io.eventbank.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link ServicePair} for the tests of one class: started before the first test, stopped and its databases dropped
 * after the last. Register it on a static field and say there what the class needs:
 * <pre>{@code
 * @RegisterExtension
 * static final ServicePairExtension pair = ServicePairExtension.pair()
 *         .withQueryEnvironment(Map.of("PROJECTION_BATCH_SIZE", "100"))
 *         .withQueryInstances(2);
 * }</pre>
 * Every service gets a small pool ({@code DB_POOL_SIZE} 6) unless the environment given says otherwise. The services
 * log into {@code <e2e.logDir>/<test class>/}; the logs are kept when a test of the class failed (or the pair could
 * not start) and deleted otherwise.
 */
public final class ServicePairExtension extends ServicePair implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final Map<String, String> commandEnvironment = new HashMap<>();
    private final Map<String, String> queryEnvironment = new HashMap<>();
    private int commandInstances = 1;
    private int queryInstances = 1;
    private boolean throughProxy;
    private volatile boolean failed;
    private Path logs;

    private ServicePairExtension() {
    }

    /** One command service and one query service, reaching PostgreSQL directly. */
    public static ServicePairExtension pair() {
        return new ServicePairExtension();
    }

    /** Adds to the environment of every command-service instance. */
    public ServicePairExtension withCommandEnvironment(Map<String, String> environment) {
        commandEnvironment.putAll(environment);
        return this;
    }

    /** Adds to the environment of every query-service instance. */
    public ServicePairExtension withQueryEnvironment(Map<String, String> environment) {
        queryEnvironment.putAll(environment);
        return this;
    }

    /** Adds to the environment of every instance of both services. */
    public ServicePairExtension withEnvironment(Map<String, String> environment) {
        return withCommandEnvironment(environment).withQueryEnvironment(environment);
    }

    /** How many command-service instances share the event store. */
    public ServicePairExtension withCommandInstances(int instances) {
        commandInstances = instances;
        return this;
    }

    /** How many query-service instances share the read model; 0 for a test of the command side alone. */
    public ServicePairExtension withQueryInstances(int instances) {
        queryInstances = instances;
        return this;
    }

    /** Every service reaches PostgreSQL through a {@link TcpProxy} the test can cut: {@link #proxy()}. */
    public ServicePairExtension throughProxy() {
        throughProxy = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        logs = ServiceProcess.logRoot().resolve(context.getRequiredTestClass().getSimpleName());
        delete(logs);
        start(new Settings(commandEnvironment, queryEnvironment, commandInstances, queryInstances, throughProxy), logs);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
        if (failed || context.getExecutionException().isPresent()) {
            System.err.println("The services' logs of " + context.getDisplayName() + " are kept in "
                    + logs.toAbsolutePath());
        } else {
            delete(logs);
        }
    }

    private static void delete(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
