package io.eventbank.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Read-your-writes ({@code eventbank.read-your-writes.*}, defaults in {@code application.yml}).
 *
 * @param maxWait        how long a request with {@code Min-Event-Position} waits before it is answered 503
 * @param pollInterval   how often the stored tokens are read while requests wait
 */
@ConfigurationProperties("eventbank.read-your-writes")
public record ReadYourWritesSettings(Duration maxWait, Duration pollInterval) {

    public ReadYourWritesSettings {
        if (maxWait == null || maxWait.isNegative() || pollInterval == null || pollInterval.isNegative()
            || pollInterval.isZero()) {
            throw new IllegalArgumentException("eventbank.read-your-writes: max-wait must be >= 0 and poll-interval > 0");
        }
    }
}
