package io.eventbank.axon;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * While a command or an event is handled: its {@code correlationId} is in the logging MDC (so every log line says
 * which request it belongs to), and when it carries a W3C {@code traceparent} in its metadata, the handling is a
 * span of that trace (so the trace of an HTTP request goes on into its events' handlers: the saga, the projections),
 * and the MDC's {@code traceId} is that trace's. {@link #traceparent(Tracer)} is what a dispatched message carries.
 */
public final class TracedHandling implements MessageHandlerInterceptor<Message<?>> {

    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "correlationId";
    private static final Pattern W3C = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    private static final Logger log = LoggerFactory.getLogger(TracedHandling.class);

    private final Tracer tracer;

    public TracedHandling(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The W3C trace context of the current span, if there is one. */
    public static Optional<String> traceparent(Tracer tracer) {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Optional.empty();
        }
        TraceContext context = span.context();
        return Optional.of("00-" + context.traceId() + "-" + context.spanId() + "-"
                           + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        String previous = MDC.get(CORRELATION_ID);
        MDC.put(CORRELATION_ID, message.getMetaData().get(CORRELATION_ID) instanceof String correlation
                ? correlation : message.getIdentifier());
        Span span = spanOf(message);
        try (Tracer.SpanInScope ignored = span == null ? null : tracer.withSpan(span)) {
            if (log.isDebugEnabled()) {
                log.debug("Handling {} {}", message.getPayloadType().getSimpleName(), message.getIdentifier());
            }
            return chain.proceed();
        } catch (Exception | Error failure) {
            if (span != null) {
                span.error(failure);
            }
            throw failure;
        } finally {
            if (span != null) {
                span.end();
            }
            if (previous == null) {
                MDC.remove(CORRELATION_ID);
            } else {
                MDC.put(CORRELATION_ID, previous);
            }
        }
    }

    private Span spanOf(Message<?> message) {
        if (!(message.getMetaData().get(TRACEPARENT) instanceof String traceparent)) {
            return null;
        }
        Matcher w3c = W3C.matcher(traceparent);
        if (!w3c.matches()) {
            return null;
        }
        boolean sampled = (Integer.parseInt(w3c.group(3), 16) & 1) == 1;
        Span current = tracer.currentSpan();
        if (!sampled && current != null && current.context().traceId().equals(w3c.group(1))) {
            // handled inside the trace's own span (a command on the request's thread), which no one exports: the
            // logs already name the trace, and a span of its own would only cost time
            return null;
        }
        TraceContext parent = tracer.traceContextBuilder()
                .traceId(w3c.group(1))
                .spanId(w3c.group(2))
                .sampled(sampled)
                .build();
        return tracer.spanBuilder().setParent(parent)
                .name("handle " + message.getPayloadType().getSimpleName())
                .start();
    }
}
