package io.eventbank.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenAPI document a running service publishes at {@code /v3/api-docs}, fetched once, and the check of every
 * exchange of {@link HttpClientSupport} against it (Atlassian's OpenAPI request validator):
 * <ul>
 *     <li>a response must be one the document describes for the operation: a documented status, its media type,
 *     a body matching its schema (problem types included), the headers it requires;</li>
 *     <li>a request the document calls invalid must have been refused (4xx): the document is no stricter than the
 *     service;</li>
 *     <li>a request the document has no operation for (an unknown path, a method the path does not take) must be
 *     answered 4xx {@code application/problem+json} with a problem type.</li>
 * </ul>
 * A violation fails the test with an {@link AssertionError} naming the exchange and what the document says. The
 * actuator, the document itself and Swagger UI are not part of the document and not checked, nor are {@code OPTIONS}
 * and {@code HEAD}, which the HTTP layer answers for every path.
 */
final class ApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> UNDOCUMENTED = List.of("/actuator", "/v3/api-docs", "/swagger-ui");
    /** Answered by the HTTP layer for every path (CORS preflight, Allow; a GET without its body), not operations. */
    private static final Set<String> HTTP_MECHANICS = Set.of("OPTIONS", "HEAD");
    private static final Set<String> NO_OPERATION = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    private static final Pattern LEADING_ZEROS = Pattern.compile("^(-?)0+(?=[0-9]+$)");

    private final String baseUrl;
    private volatile OpenApiInteractionValidator validator;

    ApiContract(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Checks one exchange; {@code body} is the request body as sent, or null. */
    void check(HttpRequest request, byte[] body, HttpClientSupport.Response response) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (UNDOCUMENTED.stream().anyMatch(path::startsWith) || HTTP_MECHANICS.contains(request.method())) {
            return;
        }
        OpenApiInteractionValidator document = document();
        if (document == null) {
            return;
        }
        Request.Method method = Arrays.stream(Request.Method.values())
                .filter(known -> known.name().equals(request.method())).findFirst().orElse(null);
        if (method == null) {
            checkUndocumentedRequest(request, response);
            return;
        }
        SimpleRequest.Builder sent = new SimpleRequest.Builder(method, path);
        request.headers().map().forEach(sent::withHeader);
        if (body != null && body.length > 0) {
            sent.withBody(new String(body, charset(request.headers().firstValue("Content-Type").orElse(null))));
        }
        List<String> problems = new ArrayList<>();
        try {
            query(uri.getRawQuery()).forEach(sent::withQueryParam);
        } catch (IllegalArgumentException undecodable) {
            problems.add("the query string cannot be decoded");
        }
        ValidationReport requestReport;
        try {
            requestReport = document.validateRequest(sent.build());
        } catch (RuntimeException unreadable) {
            // the schema validator gives up on some values (1e400 against multipleOf): far outside every bound
            requestReport = ValidationReport.empty();
            problems.add("the validator cannot read the request: " + unreadable);
        }
        if (requestReport.getMessages().stream().anyMatch(message -> NO_OPERATION.contains(message.getKey()))) {
            checkUndocumentedRequest(request, response);
            return;
        }
        SimpleResponse.Builder answered = new SimpleResponse.Builder(response.status());
        response.headers().map().forEach(answered::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            answered.withBody(response.body());
        }
        List<String> errors = errors(document.validateResponse(path, method, answered.build()));
        problems.addAll(errors(requestReport));
        if (!problems.isEmpty() && (response.status() < 400 || response.status() >= 500)) {
            errors.add("the document refuses the request (" + String.join("; ", problems) + "), yet the service "
                       + "answered " + response.status());
        }
        if (!errors.isEmpty()) {
            throw violation(request, response, errors);
        }
    }

    /** A request for which the document has no operation is refused with a problem, as every error is. */
    private static void checkUndocumentedRequest(HttpRequest request, HttpClientSupport.Response response) {
        List<String> errors = new ArrayList<>();
        if (response.status() < 400 || response.status() >= 500) {
            errors.add("the document has no such operation, yet the service answered " + response.status());
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            errors.add("an error must be application/problem+json, not " + contentType);
        } else {
            try {
                JsonNode problem = JSON.readTree(response.body());
                if (!problem.path("type").asText().startsWith("urn:problem:")
                    || problem.path("status").asInt() != response.status()) {
                    errors.add("a problem needs a type urn:problem:<name> and the response's status");
                }
            } catch (IOException e) {
                errors.add("the problem body is not JSON");
            }
        }
        if (!errors.isEmpty()) {
            throw violation(request, response, errors);
        }
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> "[" + message.getKey() + "] " + message.getMessage()
                                + message.getNestedMessages().stream().map(nested -> "\n      " + nested.getMessage())
                                        .collect(Collectors.joining()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static AssertionError violation(HttpRequest request, HttpClientSupport.Response response,
                                            List<String> errors) {
        String body = response.body() == null ? "" : response.body();
        return new AssertionError("The exchange breaks the service's OpenAPI document (/v3/api-docs):\n  "
                + request.method() + " " + request.uri() + " -> " + response.status() + " "
                + response.header("Content-Type") + "\n  body: "
                + (body.length() > 500 ? body.substring(0, 500) + "..." : body)
                + errors.stream().map(error -> "\n  - " + error).collect(Collectors.joining()));
    }

    /** The validator of the service's live document, fetched at first use; null while the service is gone. */
    private OpenApiInteractionValidator document() {
        OpenApiInteractionValidator current = validator;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (validator == null) {
                HttpResponse<String> answer;
                try {
                    answer = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException gone) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                if (answer.statusCode() != 200) {
                    throw new AssertionError("no OpenAPI document at " + baseUrl + "/v3/api-docs: "
                                             + answer.statusCode() + " " + answer.body());
                }
                validator = OpenApiInteractionValidator.createForInlineApiSpecification(answer.body())
                        .withResolveCombinators(true).build();
            }
            return validator;
        }
    }

    /** The charset a Content-Type declares; UTF-8, JSON's, when it declares none or one unknown. */
    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].trim().replace("\"", ""));
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            // a whole number in a query string may have leading zeros; the validator reads a value as JSON, which not
            value = LEADING_ZEROS.matcher(value).replaceFirst("$1");
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The bytes a request's body publisher sends (the JDK's publishers can be read more than once). */
    static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the request body back", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
