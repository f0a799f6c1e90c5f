package io.eventbank.identity;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JwtDecoder} that remembers the tokens whose signature it has verified, for at most {@code lifetime}, so
 * that a client sending the same token with every request pays for parsing it and checking its RS256 signature once
 * (together they were about half of what authentication cost per command; docs/performance.md, section 8).
 * <p>
 * Only a token that passed every check is remembered, keyed by its whole text (signature included), so a token
 * differing in any character is verified afresh. Every use of a remembered token runs the claim checks again
 * ({@code exp}, {@code nbf}, issuer, audience): a token expires on time whether remembered or not. What remembering
 * changes is only how soon a withdrawn signing key stops being accepted: after the JWK set is next fetched, tokens
 * already verified with that key still pass for up to {@code lifetime}. At most {@code capacity} tokens are kept;
 * capacity 0 remembers nothing.
 */
final class VerifiedTokens implements JwtDecoder {

    private record Verified(Jwt jwt, Instant forgetAt) {
    }

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claimChecks;
    private final int capacity;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier    parses, verifies the signature and runs {@code claimChecks}; throws when any fails
     * @param claimChecks the checks of the claims, run again on every use of a remembered token
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claimChecks, int capacity, Duration lifetime,
                   Clock clock) {
        if (capacity < 0 || lifetime.isNegative()) {
            throw new IllegalArgumentException("the token cache needs a capacity and a lifetime of 0 or more");
        }
        this.verifier = verifier;
        this.claimChecks = claimChecks;
        this.capacity = capacity;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified remembered = verified.get(token);
        if (remembered != null && now.isBefore(remembered.forgetAt())) {
            return checkClaims(remembered.jwt());
        }
        if (remembered != null) {
            verified.remove(token, remembered);
        }
        Jwt jwt = verifier.decode(token);
        if (capacity > 0) {
            makeRoom(now);
            verified.put(token, new Verified(jwt, now.plus(lifetime)));
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }

    private Jwt checkClaims(Jwt jwt) {
        OAuth2TokenValidatorResult result = claimChecks.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().stream().map(OAuth2Error::getDescription)
                    .filter(text -> text != null && !text.isEmpty()).findFirst().orElse("Unable to validate Jwt");
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
                    result.getErrors());
        }
        return jwt;
    }

    /** Forgets what is past its time and, if that frees too little, any tokens until one more fits. */
    private void makeRoom(Instant now) {
        if (verified.size() < capacity) {
            return;
        }
        verified.values().removeIf(entry -> !now.isBefore(entry.forgetAt()));
        Iterator<String> tokens = verified.keySet().iterator();
        while (verified.size() >= capacity && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }
}
