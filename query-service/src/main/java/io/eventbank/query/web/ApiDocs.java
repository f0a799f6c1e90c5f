package io.eventbank.query.web;

/**
 * Texts the OpenAPI annotations of the query controllers share: the parameters and answers of time on the read side
 * and of read-your-writes (API.md).
 */
public final class ApiDocs {

    public static final String PROBLEM = "application/problem+json";
    public static final String INSTANT_EXAMPLE = "2026-11-27T10:15:30.000Z";
    public static final String AS_OF = "An ISO-8601 instant: the state after the last event, by sequence number, "
                                       + "whose time stamp is at or before it (time stamps have millisecond precision)";
    public static final String MIN_EVENT_POSITION = "Answer once the read model has reached this global event "
            + "position (a command's Event-Position); 503 urn:problem:not-yet-consistent after READ_YOUR_WRITES_WAIT";
    public static final String BAD_REQUEST = "A malformed id, instant, page, size or Min-Event-Position "
                                             + "(urn:problem:invalid-request, with errors naming the fields)";
    public static final String NOT_FOUND = "No such aggregate, one the caller may not read, or (asOf) none of its "
                                           + "events is that old (urn:problem:not-found)";
    public static final String NOT_YET_CONSISTENT = "Min-Event-Position not reached within READ_YOUR_WRITES_WAIT "
                                                    + "(urn:problem:not-yet-consistent, Retry-After: 1)";
    public static final String PROBLEM_EXAMPLE = """
            {"type": "urn:problem:not-found", "title": "Not found", "status": 404,
             "detail": "no account with id 3f1c0a52-8d7e-4c1b-9a57-0e3b6f0d2a11"}""";
    public static final String NOT_YET_CONSISTENT_EXAMPLE = """
            {"type": "urn:problem:not-yet-consistent", "title": "Not yet consistent", "status": 503,
             "detail": "the read model has not reached event position 1042 yet; try again shortly"}""";

    private ApiDocs() {
    }
}
