package io.eventbank.query.web;

/**
 * Texts the OpenAPI annotations of the query controllers share: the parameters of time on the read side and of
 * read-your-writes (API.md). Their problem answers are documented for every operation by the shared
 * {@code ApiDocumentation}.
 */
public final class ApiDocs {

    public static final String INSTANT_EXAMPLE = "2026-11-27T10:15:30.000Z";
    public static final String AS_OF = "An ISO-8601 instant: the state after the last event, by sequence number, "
                                       + "whose time stamp is at or before it (time stamps have millisecond precision)";
    public static final String MIN_EVENT_POSITION = "Answer once the read model has reached this global event "
            + "position (a command's Event-Position); 503 urn:problem:not-yet-consistent after READ_YOUR_WRITES_WAIT";

    private ApiDocs() {
    }
}
