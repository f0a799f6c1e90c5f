package io.eventbank.command.idempotency;

import io.eventbank.command.axon.AppendedPositions;
import io.eventbank.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Sends the command of an HTTP request and answers it; with an {@code Idempotency-Key} header, at most once per
 * caller and key (API.md, "Retry-safe commands"):
 * <ol>
 *     <li>an answer already stored for the key is answered again, without sending the command, if the request is the
 *     same (method, path and body), and refused with 422 otherwise;</li>
 *     <li>else the command is sent, and inside its unit of work, on the transaction that will append its events,
 *     the key is claimed (409 while another attempt holds it) and looked up again (an attempt that committed since
 *     step 1 is answered as in step 1);</li>
 *     <li>after the events are appended, still in that transaction, the answer is rendered and stored: it commits
 *     exactly when the events do. A refused or failed command rolls back and stores nothing.</li>
 * </ol>
 * The answer is rendered inside the unit of work, which a retried command runs on another thread, so the request's
 * renderer waits in {@link #pending} under a ticket that the command carries in its metadata.
 */
@Component
public class IdempotentCommands {

    public static final String HEADER = "Idempotency-Key";
    /** The global position of the command's last event, which a read may ask the query side to have reached. */
    public static final String EVENT_POSITION = "Event-Position";
    /** The request attribute under which the web edge leaves the request body it read. */
    public static final String REQUEST_BODY = IdempotentCommands.class.getName() + ".body";

    static final String TICKET = "idempotencyTicket";
    private static final int MAX_KEY_LENGTH = 255;

    private final CommandGateway commands;
    private final AppendedPositions positions;
    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

    IdempotentCommands(CommandGateway commands, AppendedPositions positions, CommandBus commandBus,
                       IdempotencyKeys keys, JsonMapper json) {
        this.commands = commands;
        this.positions = positions;
        this.keys = keys;
        this.json = json;
        commandBus.registerHandlerInterceptor(new StoreWithEvents());
    }

    /**
     * Sends {@code command} and answers with what {@code answer} makes of its result.
     *
     * @param bodyType the type of the answer's body, read back from a stored answer
     */
    public <R, T> ResponseEntity<T> send(Object command, Class<T> bodyType, Function<R, ResponseEntity<T>> answer) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        String key = request.getHeader(HEADER);
        if (key == null) {
            AppendedPositions.Sent<R> sent = positions.sendAndWait(commands, command);
            return withPosition(answer.apply(sent.result()), sent.position());
        }
        requireValid(key);
        String caller = Caller.required().subject();
        byte[] requestHash = requestHash(request);
        var stored = keys.find(caller, key);
        if (stored.isPresent()) {
            return replay(stored.get(), key, requestHash, bodyType);
        }
        String ticket = UUID.randomUUID().toString();
        @SuppressWarnings("unchecked")
        Pending<T> slot = new Pending<>(caller, key, requestHash, result -> answer.apply((R) result));
        pending.put(ticket, slot);
        try {
            positions.sendAndWait(commands,
                    GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(TICKET, ticket)));
            return slot.answer;
        } catch (AnsweredBefore e) {
            return replay(keys.find(caller, key).orElseThrow(() -> new IllegalStateException(
                    "the answer of Idempotency-Key '" + key + "' expired while it was read")), key, requestHash, bodyType);
        } finally {
            pending.remove(ticket);
        }
    }

    /** The answer with {@code Event-Position} added, when the command appended an event. */
    private static <T> ResponseEntity<T> withPosition(ResponseEntity<T> answer, OptionalLong position) {
        if (position.isEmpty()) {
            return answer;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        headers.set(EVENT_POSITION, Long.toString(position.getAsLong()));
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    private <T> ResponseEntity<T> replay(StoredAnswer stored, String key, byte[] requestHash, Class<T> bodyType) {
        if (!Arrays.equals(stored.requestHash(), requestHash)) {
            throw new IdempotencyKeyReused(key);
        }
        HttpHeaders headers = new HttpHeaders();
        if (stored.location() != null) {
            headers.set(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            headers.set(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.eventPosition() != null) {
            headers.set(EVENT_POSITION, stored.eventPosition());
        }
        return ResponseEntity.status(stored.status()).headers(headers).body(json.readValue(stored.body(), bodyType));
    }

    private static void requireValid(String key) {
        boolean valid = !key.isEmpty() && key.length() <= MAX_KEY_LENGTH
                        && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
        if (!valid) {
            throw new IllegalArgumentException(HEADER + " must be 1 to " + MAX_KEY_LENGTH
                                               + " visible ASCII characters (no spaces)");
        }
    }

    private static byte[] requestHash(HttpServletRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + "\n" + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            if (request.getAttribute(REQUEST_BODY) instanceof byte[] body) {
                sha.update(body);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request's key and renderer while its command runs; {@code answer} is set once it is stored. */
    private final class Pending<T> {

        private final String caller;
        private final String key;
        private final byte[] requestHash;
        private final Function<Object, ResponseEntity<T>> render;
        private volatile ResponseEntity<T> answer;

        Pending(String caller, String key, byte[] requestHash, Function<Object, ResponseEntity<T>> render) {
            this.caller = caller;
            this.key = key;
            this.requestHash = requestHash;
            this.render = render;
        }

        /** In the command's unit of work, after its events were appended: their position is known. */
        void store(Object result) {
            ResponseEntity<T> rendered = withPosition(render.apply(result), positions.appendedHere());
            HttpHeaders headers = rendered.getHeaders();
            keys.save(caller, key, new StoredAnswer(requestHash, rendered.getStatusCode().value(),
                    json.writeValueAsString(rendered.getBody()), headers.getFirst(HttpHeaders.LOCATION),
                    headers.getETag(), headers.getFirst(EVENT_POSITION)));
            answer = rendered;
        }
    }

    /** Runs inside the command's unit of work, after its transaction has begun. */
    private final class StoreWithEvents implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Pending<?> slot = unitOfWork.getMessage().getMetaData().get(TICKET) instanceof String ticket
                    ? pending.get(ticket) : null;
            if (slot == null) {
                return chain.proceed();
            }
            if (!keys.claim(slot.caller, slot.key)) {
                throw new IdempotencyKeyInUse(slot.key);
            }
            if (keys.find(slot.caller, slot.key).isPresent()) {
                throw new AnsweredBefore();
            }
            Object result = chain.proceed();
            // registered after the handler has applied its events, so it runs after the event bus has appended them
            unitOfWork.onPrepareCommit(u -> slot.store(result));
            return result;
        }
    }

    /** The key's answer committed between the first look-up and the claim: answer it instead of running again. */
    private static final class AnsweredBefore extends RuntimeException {

        AnsweredBefore() {
            super(null, null, false, false);
        }
    }
}
