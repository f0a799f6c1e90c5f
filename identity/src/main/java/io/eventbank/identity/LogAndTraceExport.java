package io.eventbank.identity;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Two switches of both services, read before logging starts:
 * <ul>
 *     <li>{@code LOG_FORMAT=json}: one JSON object per line on the console (Spring Boot's structured logging, with
 *     Logstash's field names), the MDC ({@code traceId}, {@code spanId}, {@code correlationId}) as fields;
 *     {@code plain} or unset: Spring Boot's text lines. Anything else stops the start with a message.</li>
 *     <li>{@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (e.g. {@code http://collector:4318/v1/traces}): spans are
 *     exported there over OTLP/HTTP; unset, nothing is exported (trace ids are still in the logs and in the
 *     events' {@code traceparent}).</li>
 * </ul>
 */
public final class LogAndTraceExport implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new HashMap<>();
        String format = environment.getProperty("LOG_FORMAT", "plain").strip().toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" -> {
                properties.put("logging.structured.format.console", "logstash");
                // the banner is text: it would be the only line that is not JSON
                properties.put("spring.main.banner-mode", "off");
            }
            case "plain", "" -> {
            }
            default -> throw new IllegalArgumentException("LOG_FORMAT must be json or plain, not '" + format + "'");
        }
        String endpoint = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").strip();
        if (!endpoint.isEmpty()) {
            properties.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint);
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("eventbank-log-and-trace", properties));
        }
    }
}
