package io.eventbank.command.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The settings of retry-safe commands ({@code eventbank.idempotency.*}); defaults in {@code application.yml}.
 *
 * @param ttl           how long a stored answer is kept, at least
 * @param purgeInterval how often answers older than {@code ttl} are deleted
 */
@ConfigurationProperties("eventbank.idempotency")
public record IdempotencySettings(Duration ttl, Duration purgeInterval) {

    public IdempotencySettings {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("eventbank.idempotency.ttl (IDEMPOTENCY_KEY_TTL) must be positive");
        }
    }
}
