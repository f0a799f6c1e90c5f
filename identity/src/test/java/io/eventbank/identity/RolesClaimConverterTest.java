package io.eventbank.identity;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimConverterTest {

    private final RolesClaimConverter keycloak = new RolesClaimConverter("realm_access.roles");

    @Test
    void readsRolesAtANestedPath() {
        assertThat(authorities(keycloak, Map.of("realm_access", Map.of("roles", List.of("customer")))))
                .containsExactly("ROLE_CUSTOMER");
    }

    @Test
    void theStrongestRoleIsTheOnlyAuthority() {
        assertThat(authorities(keycloak, Map.of("realm_access",
                Map.of("roles", List.of("customer", "admin", "teller", "offline_access")))))
                .containsExactly("ROLE_ADMIN");
        assertThat(authorities(keycloak, Map.of("realm_access", Map.of("roles", List.of("customer", "teller")))))
                .containsExactly("ROLE_TELLER");
    }

    @Test
    void rolesElsewhereOrOfAnotherShapeCountForNothing() {
        assertThat(authorities(keycloak, Map.of("roles", List.of("admin")))).isEmpty();
        assertThat(authorities(keycloak, Map.of("realm_access", List.of("admin")))).isEmpty();
        assertThat(authorities(keycloak, Map.of("realm_access", Map.of("roles", "admin")))).isEmpty();
        assertThat(authorities(keycloak, Map.of("realm_access", Map.of("roles", List.of("ADMIN", "Admin")))))
                .isEmpty();
    }

    @Test
    void aTopLevelClaimWorksToo() {
        assertThat(authorities(new RolesClaimConverter("roles"), Map.of("roles", List.of("teller"))))
                .containsExactly("ROLE_TELLER");
    }

    private static List<String> authorities(RolesClaimConverter converter, Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(jwt::claim);
        return converter.convert(jwt.build()).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
