package io.eventbank.command.web;

import io.eventbank.command.idempotency.IdempotencyKeyInUse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.eventbank.command.rules.BusinessRuleViolation;
import io.eventbank.command.rules.VersionMismatchException;
import io.eventbank.identity.ProblemTypes;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where failures become {@code application/problem+json} (RFC 9457), with the statuses of API.md.
 * Bodies carry a type, a title, a status and a human detail; never a stack trace or a class name.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Counter conflicts;

    ProblemHandler(MeterRegistry meters) {
        this.conflicts = Counter.builder("eventbank.command.conflicts")
                .description("commands answered 409: a concurrent change that retrying did not resolve")
                .register(meters);
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail ruleViolation(BusinessRuleViolation e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "urn:problem:" + e.rule(), "Business rule violated",
                e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "urn:problem:not-found", "Not found",
                "no account or order with id " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(VersionMismatchException.class)
    ProblemDetail versionMismatch(VersionMismatchException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "urn:problem:version-mismatch", "Version mismatch",
                e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail conflict(ConcurrencyException e) {
        conflicts.increment();
        log.warn("Concurrent change not resolved by retrying: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT, "urn:problem:concurrent-modification", "Concurrent modification",
                "the aggregate was changed concurrently and retrying did not resolve it; try again");
    }

    @ExceptionHandler(IdempotencyKeyInUse.class)
    ProblemDetail keyInUse(IdempotencyKeyInUse e) {
        return problem(HttpStatus.CONFLICT, "urn:problem:idempotency-key-in-use", "Idempotency key in use",
                e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badValue(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "urn:problem:invalid-request", "Invalid request", e.getMessage());
    }

    /** Everything Spring MVC does not handle itself: Axon's wrappers, the store's failures, the unexpected. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> other(Exception e) {
        Throwable cause = e;
        while (cause instanceof CommandExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        ProblemDetail known = switch (cause) {
            case BusinessRuleViolation v -> ruleViolation(v);
            case AggregateNotFoundException n -> notFound(n);
            case VersionMismatchException v -> versionMismatch(v);
            case ConcurrencyException c -> conflict(c);
            case IdempotencyKeyInUse k -> keyInUse(k);
            case IllegalArgumentException i -> badValue(i);
            default -> null;
        };
        if (known != null) {
            return ResponseEntity.status(known.getStatus()).body(known);
        }
        if (isStoreFailure(e)) {
            log.warn("Event store unavailable: {}", e.toString());
            ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, "urn:problem:unavailable",
                    "Service unavailable", "the event store cannot be reached right now; try again "
                            + "(send If-Match with the version you saw to make a retry safe)");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(body);
        }
        return unexpected(e);
    }

    private ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "urn:problem:internal", "Internal error", "the request failed unexpectedly; see the server log"));
    }

    /**
     * A failure of the database under the event store (unreachable, connection lost, pool exhausted). Business
     * refusals and append conflicts are classified before this, so what is left from JDBC is the store failing.
     */
    static boolean isStoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException
                    || t instanceof JdbcException || t instanceof EventStoreException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::fieldError)
                .toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "urn:problem:validation", "Invalid request",
                "the request has " + errors.size() + " invalid field(s)");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyGuard.RefusedBody refused = RequestBodyGuard.refusal(ex);
        if (refused instanceof RequestBodyGuard.TooLarge) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                    "urn:problem:content-too-large", "Content too large", refused.getMessage()));
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "urn:problem:malformed-request", "Malformed request",
                refused != null ? refused.getMessage() : RequestBodyErrors.describe(ex));
        return ResponseEntity.badRequest().body(body);
    }

    /** A path variable of the wrong type, named without echoing the value or the conversion's internals. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "urn:problem:invalid-request",
                "Invalid request", "'" + name + "' must be " + (ex.getRequiredType() == UUID.class
                        ? "a UUID" : "a valid value")));
    }

    /** Spring MVC's own refusals (404, 405, 406, 415, ...) get a problem type like every other error. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
            && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(ProblemTypes.typeFor(statusCode.value())));
        }
        return response;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        return problem;
    }
}
