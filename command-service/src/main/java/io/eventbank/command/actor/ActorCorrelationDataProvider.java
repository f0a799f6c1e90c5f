package io.eventbank.command.actor;

import io.eventbank.axon.TracedHandling;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * What every message created while another is handled inherits from it: the actor and the role it acted with, the
 * {@code correlationId} of the request that started it all (the first message's own id) and, as
 * {@code causationId}, the id of the message being handled. So the saga's commands and their events carry the
 * originating caller and correlation. The W3C {@code traceparent} of a traced request travels the same way. It replaces Axon's {@code MessageOriginProvider}, which would write
 * {@code correlationId} meaning the causing message and {@code traceId} meaning the root.
 */
public final class ActorCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>();
        for (String key : new String[]{ActorMetadata.ACTOR, ActorMetadata.ACTOR_ROLE, TracedHandling.TRACEPARENT}) {
            if (metaData.get(key) != null) {
                data.put(key, metaData.get(key));
            }
        }
        Object correlation = metaData.get(ActorMetadata.CORRELATION_ID);
        data.put(ActorMetadata.CORRELATION_ID, correlation != null ? correlation : message.getIdentifier());
        data.put(ActorMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
