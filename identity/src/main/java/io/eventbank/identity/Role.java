package io.eventbank.identity;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The roles of API.md, weakest first: a token with several acts with the strongest. */
public enum Role {
    CUSTOMER, TELLER, ADMIN;

    /** The name in tokens and in event metadata: {@code customer}, {@code teller}, {@code admin}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strongest of the role names given; names that are no role are ignored. */
    public static Optional<Role> strongest(Collection<?> names) {
        Role strongest = null;
        for (Role role : values()) {
            if (names.contains(role.claimValue())) {
                strongest = role;
            }
        }
        return Optional.ofNullable(strongest);
    }

    public static Role fromClaimValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
