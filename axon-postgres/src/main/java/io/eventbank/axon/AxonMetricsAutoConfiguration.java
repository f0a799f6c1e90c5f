package io.eventbank.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's message monitors (axon-micrometer) on the services' Micrometer registry, with dimensional tags: one meter
 * per kind ({@code commandBus_*}, {@code eventProcessor_*}, ...) tagged by payload type and processor name, rather
 * than a meter name per type. Axon 4.13's own auto-configuration orders itself after Boot 3's metrics classes, so
 * under Boot 4 it may run first and register a registry of its own that Prometheus never sees; it is excluded in
 * the services' {@code application.yml}, and this one runs after Boot's registries exist.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBean(MeterRegistry.class)
public class AxonMetricsAutoConfiguration {

    @Bean
    public GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }

    @Bean
    public MetricsConfigurerModule axonMessageMonitors(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry, true);
    }
}
