package io.eventbank.identity;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-27T12:00:00Z");
    private static final String ISSUER = "https://issuer.example";

    /** A stand-in for the signature check: tokens named "good-…" verify, their claims come from the map. */
    private final Map<String, Instant> expiries = new java.util.HashMap<>();
    private final List<String> verifications = new ArrayList<>();
    private final MutableClock clock = new MutableClock(START);
    private final OAuth2TokenValidator<Jwt> claimChecks = new DelegatingOAuth2TokenValidator<>(
            timestamps(clock), new JwtIssuerValidator(ISSUER));
    private final JwtDecoder verifier = token -> {
        verifications.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("An error occurred while attempting to decode the Jwt: bad signature");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").issuer(ISSUER).subject("kim")
                .issuedAt(START.minusSeconds(1)).expiresAt(expiries.getOrDefault(token, START.plusSeconds(3600)))
                .build();
        var result = claimChecks.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("invalid", result.getErrors());
        }
        return jwt;
    };

    @Test
    void aTokenIsVerifiedOnceWhileRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, claimChecks, 10, Duration.ofSeconds(60), clock);

        Jwt first = tokens.decode("good-1");
        clock.advance(Duration.ofSeconds(59));
        Jwt again = tokens.decode("good-1");

        assertThat(again).isSameAs(first);
        assertThat(verifications).containsExactly("good-1");
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheLifetime() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, claimChecks, 10, Duration.ofSeconds(60), clock);

        tokens.decode("good-1");
        clock.advance(Duration.ofSeconds(60));
        tokens.decode("good-1");

        assertThat(verifications).containsExactly("good-1", "good-1");
    }

    @Test
    void aRememberedTokenExpiresOnTime() {
        expiries.put("good-short", START.plusSeconds(10));
        VerifiedTokens tokens = new VerifiedTokens(verifier, claimChecks, 10, Duration.ofMinutes(5), clock);
        tokens.decode("good-short");

        clock.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> tokens.decode("good-short")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).containsExactly("good-short");
    }

    @Test
    void aTokenThatFailsIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, claimChecks, 10, Duration.ofSeconds(60), clock);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifications).containsExactly("forged", "forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void neverRemembersMoreThanItsCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, claimChecks, 3, Duration.ofSeconds(60), clock);

        for (int i = 0; i < 10; i++) {
            tokens.decode("good-" + i);
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
        tokens.decode("good-9");
        assertThat(verifications).hasSize(10);
    }

    @Test
    void capacityZeroVerifiesEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, claimChecks, 0, Duration.ofSeconds(60), clock);

        tokens.decode("good-1");
        tokens.decode("good-1");

        assertThat(verifications).containsExactly("good-1", "good-1");
    }

    private static OAuth2TokenValidator<Jwt> timestamps(Clock clock) {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return validator;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
