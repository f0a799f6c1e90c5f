package io.eventbank.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The refusals of the security filter chain, which no controller advice sees, as the same problem+json the
 * services answer otherwise: 401 with {@code WWW-Authenticate: Bearer} for a missing or bad token, 403 for a role
 * that may not, 400 for a request the firewall refuses, 503 with {@code Retry-After} when a token cannot be checked
 * because the signing keys cannot be fetched (the identity provider is unreachable: no fault of the caller's). The body never says what was wrong with a token, nor echoes the request: that is for the server log only.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler,
        AuthenticationFailureHandler {

    /** A bearer token that could not be checked at all answers 503; one that was checked and refused, 401. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(request, response, 503, "urn:problem:unavailable", "Service unavailable",
                    "the token cannot be checked now; try again shortly");
            return;
        }
        commence(request, response, e);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean tokenGiven = e instanceof InvalidBearerTokenException
                             || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(request, response, 401, "urn:problem:unauthorized", "Unauthorized",
                "a valid bearer token is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, 403, "urn:problem:forbidden", "Forbidden", "the caller's role may not do this");
    }

    /** The firewall's refusal of a path it will not match rules against, e.g. an encoded semicolon or slash. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(request, response, 400, "urn:problem:invalid-request", "Invalid request",
                "the request path or a header is not accepted");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
                              String title, String detail) throws IOException {
        ProblemTypeMetrics.record(request, type);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                                   + ",\"detail\":\"" + detail + "\"}");
    }
}
