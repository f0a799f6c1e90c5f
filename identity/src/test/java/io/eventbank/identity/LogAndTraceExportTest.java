package io.eventbank.identity;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogAndTraceExportTest {

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        new LogAndTraceExport().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void jsonLogsAreSpringBootsStructuredLoggingWithoutTheBanner() {
        StandardEnvironment environment = environment(Map.of("LOG_FORMAT", "json"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
        assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
    }

    @Test
    void plainOrUnsetLeavesTheTextLogs() {
        assertThat(environment(Map.of("LOG_FORMAT", "plain")).getProperty("logging.structured.format.console")).isNull();
        assertThat(environment(Map.of()).getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void anUnknownFormatStopsTheStartWithAMessage() {
        assertThatThrownBy(() -> environment(Map.of("LOG_FORMAT", "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOG_FORMAT must be json or plain");
    }

    @Test
    void spansAreExportedOnlyWhenAnEndpointIsSet() {
        assertThat(environment(Map.of()).getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
        assertThat(environment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"))
                .getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://collector:4318/v1/traces");
    }
}
