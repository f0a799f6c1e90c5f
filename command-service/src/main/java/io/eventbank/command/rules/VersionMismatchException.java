package io.eventbank.command.rules;

/** An {@code If-Match} version that is not the aggregate's current version; answered 412. */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException(long expected, long actual) {
        super("expected version " + expected + " but the current version is " + actual, null, false, false);
    }

    /** Throws when {@code expected} is given and differs from {@code actual}. */
    public static void check(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new VersionMismatchException(expected, actual);
        }
    }
}
