package io.eventbank.identity;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token's strongest role as its one authority ({@code ROLE_ADMIN}, ...), read from the claim at a dotted path
 * such as Keycloak's {@code realm_access.roles} (Spring's own converter reads top-level claims only). Role names
 * anywhere else in the token count for nothing; a token without any of the three roles has no authority.
 */
final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final String PREFIX = "ROLE_";

    private final List<String> path;

    RolesClaimConverter(String rolesClaim) {
        this.path = List.of(rolesClaim.split("\\."));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = Role.strongest(roleNames(jwt.getClaims()))
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(PREFIX + role.name()))
                .map(List::of).orElse(List.of());
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private Collection<?> roleNames(Map<String, Object> claims) {
        Object node = claims;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(step);
        }
        return node instanceof Collection<?> names ? names : List.of();
    }

    static Optional<Role> roleOf(JwtAuthenticationToken token) {
        return token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PREFIX))
                .map(authority -> Role.valueOf(authority.substring(PREFIX.length())))
                .findFirst();
    }
}
