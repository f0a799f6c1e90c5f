package io.eventbank.command.actor;

import io.eventbank.identity.Caller;
import io.eventbank.identity.Role;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Map;
import java.util.Optional;

/**
 * The metadata keys of API.md that say who acted: {@code actor} (the token's subject), {@code actorRole} (the role
 * acted with), {@code onBehalfOf} (the owner of the aggregate acted on), {@code correlationId} (shared by everything
 * one request caused) and {@code causationId} (the message that directly caused this one).
 */
public final class ActorMetadata {

    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ON_BEHALF_OF = "onBehalfOf";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private ActorMetadata() {
    }

    public static MetaData of(Caller caller) {
        return MetaData.from(Map.of(ACTOR, caller.subject(), ACTOR_ROLE, caller.role().claimValue()));
    }

    /** The caller a message names, if it names one with a known role. */
    public static Optional<Caller> caller(MetaData metaData) {
        if (metaData.get(ACTOR) instanceof String actor && metaData.get(ACTOR_ROLE) instanceof String role) {
            try {
                return Optional.of(new Caller(actor, Role.fromClaimValue(role)));
            } catch (IllegalArgumentException unknownRole) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a command whose caller may not act on what {@code owner} owns (or that names no caller) exactly as
     * if the aggregate did not exist, so that a stranger learns nothing of it.
     */
    public static void requireAccess(MetaData metaData, Object aggregateId, String owner) {
        if (!caller(metaData).map(caller -> caller.mayAct(owner)).orElse(false)) {
            throw new AggregateNotFoundException(aggregateId.toString(), "no aggregate with id " + aggregateId);
        }
    }

    /** What the given owner's aggregate adds to each event it applies. */
    public static MetaData onBehalfOf(String owner) {
        return owner == null ? MetaData.emptyInstance() : MetaData.with(ON_BEHALF_OF, owner);
    }
}
