package io.eventbank.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;

/**
 * The settings of the HTTP edge ({@code eventbank.web.*}); defaults in {@code application.yml}.
 *
 * @param maxRequestBody a larger request body is refused with 413
 * @param publicQueryUrl the query service's base URL as clients reach it; {@code Location} of a create names it
 */
@ConfigurationProperties("eventbank.web")
public record WebSettings(DataSize maxRequestBody, URI publicQueryUrl) {

    public WebSettings {
        if (publicQueryUrl == null || !publicQueryUrl.isAbsolute()) {
            throw new IllegalArgumentException("PUBLIC_QUERY_URL must be an absolute URL such as http://localhost:8081, not '"
                                               + publicQueryUrl + "'");
        }
    }

    /** Where a client reads what {@code path} names, on the query service. */
    public URI readableAt(String path) {
        String base = publicQueryUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
