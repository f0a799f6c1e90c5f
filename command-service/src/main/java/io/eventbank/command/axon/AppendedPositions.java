package io.eventbank.command.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The global position ({@code global_index}) of the last event a command appended, for its answer's
 * {@code Event-Position}. A command sent through {@link #sendAndWait} is awaited under its message identifier; the
 * event store records the position of the events its unit of work appends ({@link PositionRecordingStorageEngine}),
 * in the append's own transaction, and the sender takes it once the command has committed. Commands nobody awaits
 * (the payment saga's) record nothing. A retried command records the position of the attempt that committed: an
 * attempt that failed either appended nothing or is overwritten by the next one.
 */
@Component
public class AppendedPositions {

    /** A command's result and the position of its last event; {@code position} empty if it appended none. */
    public record Sent<R>(R result, OptionalLong position) {
    }

    private static final long NONE = -1;

    private final Map<String, Long> awaited = new ConcurrentHashMap<>();

    /** Sends the command and waits for it, like {@link CommandGateway#sendAndWait(Object)}, keeping its position. */
    public <R> Sent<R> sendAndWait(CommandGateway commands, Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        String id = message.getIdentifier();
        awaited.put(id, NONE);
        try {
            R result = commands.sendAndWait(message);
            long position = awaited.getOrDefault(id, NONE);
            return new Sent<>(result, position == NONE ? OptionalLong.empty() : OptionalLong.of(position));
        } finally {
            awaited.remove(id);
        }
    }

    /** The position of the last event the current unit of work has appended so far, if its command is awaited. */
    public OptionalLong appendedHere() {
        String id = commandId();
        long position = id == null ? NONE : awaited.getOrDefault(id, NONE);
        return position == NONE ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** Records the position of the last event the current unit of work appended, if its command is awaited. */
    void appended(long position) {
        String id = commandId();
        if (id != null) {
            awaited.computeIfPresent(id, (key, previous) -> Math.max(previous, position));
        }
    }

    private String commandId() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Message<?> message = CurrentUnitOfWork.get().root().getMessage();
        return message != null && awaited.containsKey(message.getIdentifier()) ? message.getIdentifier() : null;
    }
}
