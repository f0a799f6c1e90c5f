package io.eventbank.command.actor;

import io.eventbank.identity.Caller;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Names the caller of the HTTP request in the commands it sends. Commands sent while an event is handled (the
 * saga's) have no request: they carry the caller of the event's origin through the correlation data instead.
 */
public final class CallerDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> Caller.current()
                .<CommandMessage<?>>map(caller -> command.andMetaData(ActorMetadata.of(caller)))
                .orElse(command);
    }
}
