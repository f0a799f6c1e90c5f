package io.eventbank.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The settings of the HTTP edge ({@code eventbank.web.*}); defaults in {@code application.yml}.
 *
 * @param maxRequestBody a larger request body is refused with 413
 */
@ConfigurationProperties("eventbank.web")
public record WebSettings(DataSize maxRequestBody) {
}
