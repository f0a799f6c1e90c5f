package io.eventbank.query.web;

import io.eventbank.identity.ProblemTypes;
import io.eventbank.query.projection.ReplayInProgressException;
import io.eventbank.query.projection.UnknownProjectionException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The one place where failures become {@code application/problem+json} (RFC 9457), with the statuses of API.md.
 * Bodies carry a type, a title, a status and a human detail; never a stack trace or a class name.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler({NotFoundException.class, UnknownProjectionException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "urn:problem:not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ReplayInProgressException.class)
    ProblemDetail replayInProgress(ReplayInProgressException e) {
        return problem(HttpStatus.CONFLICT, "urn:problem:replay-in-progress", "Replay in progress", e.getMessage());
    }

    /** API.md: a read whose {@code Min-Event-Position} was not reached within the wait; worth trying again soon. */
    @ExceptionHandler(NotYetConsistentException.class)
    ResponseEntity<Object> notYetConsistent(NotYetConsistentException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "urn:problem:not-yet-consistent", "Not yet consistent",
                        e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badValue(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "urn:problem:invalid-request", "Invalid request", e.getMessage());
    }

    @ExceptionHandler(InvalidParametersException.class)
    ProblemDetail badParameters(InvalidParametersException e) {
        return invalidParameters(e.getMessage(), e.errors());
    }

    /** Tomcat parses the query string when it is first read: too many parameters, or bytes it cannot decode. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail unreadableParameters(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "urn:problem:invalid-request", "Invalid request",
                "the query parameters cannot be read: too many of them, or not URL-encoded UTF-8");
    }

    /** A query's failure arrives wrapped by the query gateway's future and bus. */
    @ExceptionHandler({CompletionException.class, QueryExecutionException.class})
    ResponseEntity<Object> queryFailed(RuntimeException e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof QueryExecutionException)
               && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Exception nested && cause != e ? other(nested) : unexpected(e);
    }

    /** Spring MVC's own exceptions have handlers of their own in the superclass; whatever else arrives is a bug. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> other(Exception e) {
        ProblemDetail known = switch (e) {
            case NotFoundException n -> notFound(n);
            case UnknownProjectionException u -> notFound(u);
            case ReplayInProgressException r -> replayInProgress(r);
            case IllegalArgumentException i -> badValue(i);
            default -> null;
        };
        return known != null ? ResponseEntity.status(known.getStatus()).body(known) : unexpected(e);
    }

    private ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "urn:problem:internal", "Internal error", "the request failed unexpectedly; see the server log"));
    }

    /** A query parameter or path variable of the wrong form, named without echoing the value. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected;
        if (type == UUID.class) {
            expected = "must be a UUID (8-4-4-4-12 hexadecimal digits)";
        } else if (type == Instant.class) {
            expected = "must be an ISO-8601 instant, e.g. 2026-11-27T10:15:30Z";
        } else if (type != null && type.isEnum()) {
            expected = "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        } else {
            expected = "must be a valid value";
        }
        InvalidParametersException.ParameterError error = new InvalidParametersException.ParameterError(name, expected);
        return ResponseEntity.badRequest().body(invalidParameters(error.describe(), List.of(error)));
    }

    /** Spring MVC's own refusals (404, 405, 406, a missing parameter, ...) get a problem type like every other error. */
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

    private static ProblemDetail invalidParameters(String detail, List<InvalidParametersException.ParameterError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "urn:problem:invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", error.field(), "message", error.message()))
                .toList());
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        return problem;
    }
}
