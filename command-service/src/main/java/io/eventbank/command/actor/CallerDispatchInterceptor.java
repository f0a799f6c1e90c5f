package io.eventbank.command.actor;

import io.eventbank.axon.TracedHandling;
import io.eventbank.identity.Caller;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Names the caller of the HTTP request in the commands it sends, and the request's trace ({@code traceparent}). Commands sent while an event is handled (the
 * saga's) have no request: they carry the caller of the event's origin through the correlation data instead.
 */
public final class CallerDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final Tracer tracer;

    public CallerDispatchInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            CommandMessage<?> traced = TracedHandling.traceparent(tracer)
                    .<CommandMessage<?>>map(context -> command.andMetaData(Map.of(TracedHandling.TRACEPARENT, context)))
                    .orElse(command);
            return Caller.current()
                    .<CommandMessage<?>>map(caller -> traced.andMetaData(ActorMetadata.of(caller)))
                    .orElse(traced);
        };
    }
}
