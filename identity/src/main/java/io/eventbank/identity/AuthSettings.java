package io.eventbank.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How tokens are checked: where the signing keys are ({@code jwkSetUri}, refetched when a token names an unknown
 * key), the exact issuer, a value the audience must contain, the dotted path of the roles claim, the clock skew
 * allowed on {@code exp} and {@code nbf}, the origins a browser may call from (none: CORS stays closed), and how
 * many verified tokens are remembered for how long ({@link VerifiedTokens}; size 0: none).
 */
@ConfigurationProperties("eventbank.auth")
public record AuthSettings(String jwkSetUri, String issuer, String audience, String rolesClaim, Duration clockSkew,
                           List<String> corsAllowedOrigins, int tokenCacheSize, Duration tokenCacheLifetime) {

    public AuthSettings {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
        tokenCacheLifetime = tokenCacheLifetime == null ? Duration.ZERO : tokenCacheLifetime;
    }
}
