package io.eventbank.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access tokens for tests, signed with a key generated for this JVM, whose JWKS is served on 127.0.0.1 by a tiny
 * HTTP server started on first use: point a service at it with {@link #environment()} (a process) or
 * {@link #properties()} (a Spring test context), then call it with {@link #admin()}, {@link #customer(String)}, or a
 * token built with {@link #token()} — also the broken ones a hostile test sends.
 */
public final class TestTokens {

    /** The audience every service under test expects (the services' default). */
    public static final String AUDIENCE = "eventbank";

    private static final RSAKey KEY = newKey("test-key");
    /** A key the services do not know, with the same key id as the known one. */
    private static final RSAKey STRANGER = newKey("test-key");
    private static volatile HttpServer jwks;
    private static volatile String admin;

    private TestTokens() {
    }

    /** The issuer every service under test expects. */
    public static String issuer() {
        return baseUrl() + "/realms/test";
    }

    public static String jwkSetUri() {
        return baseUrl() + "/realms/test/certs";
    }

    /** {@code AUTH_JWK_SET_URI} and {@code AUTH_ISSUER} of a service process that trusts these tokens. */
    public static Map<String, String> environment() {
        return Map.of("AUTH_JWK_SET_URI", jwkSetUri(), "AUTH_ISSUER", issuer());
    }

    /** The same for a Spring test context. */
    public static String[] properties() {
        return new String[]{"eventbank.auth.jwk-set-uri=" + jwkSetUri(), "eventbank.auth.issuer=" + issuer()};
    }

    /** An admin's token, valid for a day: what test clients send unless told otherwise. */
    public static String admin() {
        if (admin == null) {
            admin = token().subject("test-admin").roles("admin").validFor(Duration.ofDays(1)).sign();
        }
        return admin;
    }

    public static String customer(String subject) {
        return token().subject(subject).roles("customer").sign();
    }

    public static String teller(String subject) {
        return token().subject(subject).roles("teller").sign();
    }

    /** A valid token for {@code test-user} with no role, valid for an hour, to be changed as the test needs. */
    public static Builder token() {
        return new Builder();
    }

    /** What a token is made of; each setter changes one thing, {@link #sign()} and its variants make the token. */
    public static final class Builder {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String rolesClaim = "realm_access.roles";
        private List<String> roles = List.of();
        private RSAKey key = KEY;

        private Builder() {
            Instant now = Instant.now();
            claims.put("iss", TestTokens.issuer());
            claims.put("aud", List.of(AUDIENCE));
            claims.put("sub", "test-user");
            claims.put("iat", Date.from(now));
            claims.put("exp", Date.from(now.plus(Duration.ofHours(1))));
        }

        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        /** The role names, under the claim the services read ({@code realm_access.roles}) unless moved. */
        public Builder roles(String... names) {
            roles = List.of(names);
            return this;
        }

        /** Puts the roles under another (dotted) claim path than the services read. */
        public Builder rolesAt(String dottedPath) {
            rolesClaim = dottedPath;
            return this;
        }

        public Builder issuer(String issuer) {
            return claim("iss", issuer);
        }

        public Builder audience(String... audience) {
            return claim("aud", List.of(audience));
        }

        public Builder validFor(Duration duration) {
            return claim("exp", Date.from(Instant.now().plus(duration)));
        }

        public Builder expiredAgo(Duration ago) {
            return claim("iat", Date.from(Instant.now().minus(ago).minus(Duration.ofHours(1))))
                    .claim("exp", Date.from(Instant.now().minus(ago)));
        }

        public Builder notBefore(Instant instant) {
            return claim("nbf", Date.from(instant));
        }

        /** Sets a claim; {@code null} removes it. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value instanceof Instant instant ? Date.from(instant) : value);
            }
            return this;
        }

        /** Signs with a key of the same id as the services' but not in their JWKS. */
        public Builder signedByStranger() {
            key = STRANGER;
            return this;
        }

        /** Signed with RS256 by the key chosen (the services' unless {@link #signedByStranger()}). */
        public String sign() {
            return signWith(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), rsaSigner(key));
        }

        /** {@code alg: none}: no signature at all. */
        public String unsigned() {
            return new PlainJWT(new PlainHeader(), claimsSet()).serialize();
        }

        /** HS256 with the services' public key as the HMAC secret: the algorithm confusion attack. */
        public String signedWithPublicKeyAsHmacSecret() {
            try {
                byte[] secret = KEY.toPublicJWK().toRSAPublicKey().getEncoded();
                return signWith(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                        new MACSigner(secret));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private String signWith(JWSHeader header, JWSSigner signer) {
            SignedJWT jwt = new SignedJWT(header, claimsSet());
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        private JWTClaimsSet claimsSet() {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            if (!roles.isEmpty()) {
                nest(all, new ArrayList<>(List.of(rolesClaim.split("\\."))), roles);
            }
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            all.forEach(builder::claim);
            return builder.build();
        }

        @SuppressWarnings("unchecked")
        private static void nest(Map<String, Object> node, List<String> path, Object value) {
            String step = path.removeFirst();
            if (path.isEmpty()) {
                node.put(step, value);
            } else {
                nest((Map<String, Object>) node.computeIfAbsent(step, name -> new LinkedHashMap<String, Object>()),
                        path, value);
            }
        }
    }

    private static JWSSigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + jwksServer().getAddress().getPort();
    }

    private static HttpServer jwksServer() {
        if (jwks == null) {
            synchronized (TestTokens.class) {
                if (jwks == null) {
                    jwks = startJwksServer();
                }
            }
        }
        return jwks;
    }

    private static HttpServer startJwksServer() {
        byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/realms/test/certs", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test JWKS", e);
        }
    }
}
