package io.eventbank.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Objects;
import java.util.Optional;

/**
 * Who acts: the token's subject and the role acted with. Only a caller's own things are open to a customer; a
 * teller and an admin reach everyone's, including what nobody owns.
 */
public record Caller(String subject, Role role) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
    }

    /** Whether this caller may read or operate what {@code owner} owns ({@code null}: no customer owns it). */
    public boolean mayAct(String owner) {
        return role != Role.CUSTOMER || subject.equals(owner);
    }

    /** The owner a read must be restricted to: a customer's own subject; {@code null} for a role that reads all. */
    public String readableOwner() {
        return role == Role.CUSTOMER ? subject : null;
    }

    /** The caller of the current request; only for requests the security chain let through with a role. */
    public static Caller required() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated caller with a role"));
    }

    /** The caller of the current request, if it was authenticated with a role. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return RolesClaimConverter.roleOf(token).map(role -> new Caller(token.getName(), role));
        }
        return Optional.empty();
    }
}
