package io.eventbank.command.idempotency;

/**
 * The answer of a command that committed, as stored with its key.
 *
 * @param requestHash SHA-256 of the method, path and body of the request answered
 */
record StoredAnswer(byte[] requestHash, int status, String body, String location, String etag,
                    String eventPosition) {
}
