package io.eventbank.identity;

import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The HTTP server metrics ({@code http_server_requests_seconds}) of both services carry a {@code problem} tag: the
 * {@code type} of the problem+json an error was answered with ({@code urn:problem:insufficient-funds}, ...), or
 * {@code none}. Problem types are a short fixed list, so the tag keeps the number of series small.
 */
@AutoConfiguration
public class ProblemTypeMetrics {

    static final String ATTRIBUTE = ProblemTypeMetrics.class.getName() + ".type";
    static final String TAG = "problem";

    /** Notes the problem type an answer carries, for the metrics of its request. */
    static void record(HttpServletRequest request, String type) {
        request.setAttribute(ATTRIBUTE, type);
    }

    @Bean
    ServerRequestObservationConvention problemTaggingConvention() {
        return new DefaultServerRequestObservationConvention() {
            @Override
            public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
                Object type = context.getCarrier().getAttribute(ATTRIBUTE);
                return super.getLowCardinalityKeyValues(context).and(TAG, type instanceof String s ? s : "none");
            }
        };
    }

    @Bean
    ProblemTypeRecorder problemTypeRecorder() {
        return new ProblemTypeRecorder();
    }

    /** Every problem+json body Spring MVC writes, whichever advice made it. */
    @ControllerAdvice
    static class ProblemTypeRecorder implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
            if (body instanceof ProblemDetail problem && problem.getType() != null
                && request instanceof ServletServerHttpRequest servlet) {
                record(servlet.getServletRequest(), problem.getType().toString());
            }
            return body;
        }
    }
}
