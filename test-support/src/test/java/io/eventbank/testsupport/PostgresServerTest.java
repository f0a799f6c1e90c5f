package io.eventbank.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which PostgreSQL the tests use: the configured one whenever it answers, an embedded one only when it does not. */
class PostgresServerTest {

    private static final PostgresServer EMBEDDED = new PostgresServer("localhost", 40123, "postgres", "postgres", true);

    /** Stands for starting the embedded server: fails the test if it is asked for. */
    private static final Supplier<PostgresServer> NEVER_STARTED = () -> {
        throw new AssertionError("the embedded server was started");
    };

    @Test
    void aServerThatAnswersIsUsedAndNoEmbeddedOneIsStarted() {
        PostgresServer server = PostgresServer.choose(Map.of("PGHOST", "db.example", "PGPORT", "6543",
                "PGUSER", "tester", "PGPASSWORD", "secret"), (host, port) -> true, NEVER_STARTED);

        assertThat(server).isEqualTo(new PostgresServer("db.example", 6543, "tester", "secret", false));
    }

    @Test
    void withoutVariablesTheServerIsPostgresOnLocalhost5432() {
        assertThat(PostgresServer.choose(Map.of(), (host, port) -> host.equals("localhost") && port == 5432,
                NEVER_STARTED)).isEqualTo(new PostgresServer("localhost", 5432, "postgres", "postgres", false));
    }

    @Test
    void whenNoServerAnswersTheEmbeddedOneIsStarted() {
        assertThat(PostgresServer.choose(Map.of("PGPORT", "6543"), (host, port) -> false, () -> EMBEDDED))
                .isEqualTo(EMBEDDED);
    }

    @Test
    void theVariableStartsTheEmbeddedOneEvenBesideAServerThatAnswers() {
        assertThat(PostgresServer.choose(Map.of(PostgresServer.EMBEDDED_VARIABLE, "true"), (host, port) -> true,
                () -> EMBEDDED)).isEqualTo(EMBEDDED);
    }

    @Test
    void theVariableCanForbidTheEmbeddedOne() {
        assertThat(PostgresServer.choose(Map.of(PostgresServer.EMBEDDED_VARIABLE, "false"), (host, port) -> false,
                NEVER_STARTED).embedded()).isFalse();
    }

    @Test
    void anotherValueOfTheVariableIsRefused() {
        assertThatThrownBy(() -> PostgresServer.choose(Map.of(PostgresServer.EMBEDDED_VARIABLE, "yes"),
                (host, port) -> true, NEVER_STARTED)).hasMessageContaining("must be true or false");
    }

    @Test
    void aListeningPortAcceptsConnectionsAndAClosedOneDoesNot() throws IOException {
        int closed;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(PostgresServer.acceptsConnections("127.0.0.1", listening.getLocalPort())).isTrue();
            closed = listening.getLocalPort();
        }
        assertThat(PostgresServer.acceptsConnections("127.0.0.1", closed)).isFalse();
    }

    /** The suite's own server: on a machine whose server answers, the embedded one is never started. */
    @Test
    void theTestsOfThisJvmUseAnEmbeddedServerOnlyWhenTheConfiguredOneDoesNotAnswer() {
        PostgresServer configured = PostgresServer.configured(System.getenv());
        boolean answers = PostgresServer.acceptsConnections(configured.host(), configured.port());
        boolean forced = "true".equals(System.getenv(PostgresServer.EMBEDDED_VARIABLE));

        assertThat(PostgresServer.current().embedded()).isEqualTo(forced || !answers);
        if (!PostgresServer.current().embedded()) {
            assertThat(PostgresServer.current()).isEqualTo(configured);
        }
    }
}
