package io.eventbank.query.web;

import io.eventbank.query.projection.ProjectionNames;
import io.eventbank.query.projection.ReadPositions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Min-Event-Position: <n>} on a GET: the request is handled once the read models it reads have reached the
 * position (see {@link ReadPositions}), or answered 503 {@code urn:problem:not-yet-consistent} after the wait.
 * {@code /api/accounts/**} reads the accounts projection, {@code /api/orders/**} the orders projection, anything
 * else every projection; a path with an {@code {id}} waits for the segment owning that aggregate, a list for every
 * segment.
 */
@Component
class ReadYourWrites implements HandlerInterceptor {

    static final String HEADER = "Min-Event-Position";
    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");

    private final ReadPositions positions;

    ReadYourWrites(ReadPositions positions) {
        this.positions = positions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<String> values = Collections.list(request.getHeaders(HEADER));
        if (values.isEmpty() || !"GET".equals(request.getMethod())) {
            return true;
        }
        long position = position(values);
        String path = request.getRequestURI();
        List<String> projections = path.startsWith("/api/accounts") ? List.of(ProjectionNames.ACCOUNTS)
                : path.startsWith("/api/orders") ? List.of(ProjectionNames.ORDERS) : ProjectionNames.ALL;
        String aggregateId = aggregateId(request);
        for (String projection : projections) {
            if (!positions.await(projection, aggregateId, position)) {
                throw new NotYetConsistentException("the read model has not reached event position " + position
                        + " yet; try again shortly");
            }
        }
        return true;
    }

    private static long position(List<String> values) {
        if (values.size() != 1 || !POSITION.matcher(values.getFirst().strip()).matches()) {
            throw new InvalidParametersException(List.of(new InvalidParametersException.ParameterError(HEADER,
                    "must be given once, as a whole number from 0 to 999999999999999999")));
        }
        return Long.parseLong(values.getFirst().strip());
    }

    /** The id of the aggregate the path names, in its canonical form (the path itself is checked later). */
    private static String aggregateId(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
            && variables.get("id") instanceof String id) {
            return id.toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }
}
