package io.eventbank.identity;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code MANAGEMENT_SERVER_PORT}: a second port, for the internal network only, on which health and metrics are
 * served without authentication (API.md, "Operations"), while the service port keeps serving them as before
 * (health public, {@code /actuator/prometheus} for admins). Spring Boot would read the variable as
 * {@code management.server.port} and move every actuator endpoint off the service port, where container health
 * checks and the proxy look for them; so the variable is taken over as {@code eventbank.management.port}, and the
 * port is one more connector of the same server, on which nothing but health and metrics answers.
 */
@AutoConfiguration
@ConditionalOnProperty(ManagementPort.PROPERTY)
public class ManagementPort {

    static final String PROPERTY = "eventbank.management.port";
    private static final Set<String> OPEN_PATHS = Set.of("/actuator/prometheus", "/actuator/health");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementConnector(
            org.springframework.core.env.Environment environment) {
        int port = environment.getRequiredProperty(PROPERTY, Integer.class);
        return factory -> {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(port);
            factory.addAdditionalConnectors(connector);
        };
    }

    /** Requests that arrived on the management port, and of those the health and metrics ones. */
    record Requests(RequestMatcher all, RequestMatcher open) {

        static Requests on(int port) {
            RequestMatcher all = request -> request.getLocalPort() == port;
            RequestMatcher open = request -> request.getLocalPort() == port
                    && (OPEN_PATHS.contains(request.getRequestURI())
                        || request.getRequestURI().startsWith("/actuator/health/"));
            return new Requests(all, open);
        }
    }

    /** Moves {@code management.server.port} to {@link #PROPERTY} before Spring Boot's management server sees it. */
    public static final class TakeOver implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            String port = environment.getProperty("management.server.port");
            if (port == null || port.isBlank() || Objects.equals(port, environment.getProperty("server.port"))) {
                return;
            }
            environment.getPropertySources().addFirst(new MapPropertySource("eventbank-management-port",
                    Map.of(PROPERTY, port, "management.server.port", "")));
        }
    }
}
