package io.eventbank.query.projection;

import java.sql.SQLException;

/**
 * Tells a failure of the read-model database that one event's data caused from one of the database itself, by the
 * SQLSTATE PostgreSQL answered, never by exception class (a driver or Spring may wrap the same state in many).
 * <ul>
 *   <li>{@link Kind#DATA}: the data of the event does not fit (class {@code 22}, e.g. a numeric overflow), breaks an
 *       integrity rule (class {@code 23}, checked at once or at commit), or a trigger or function refuses it
 *       ({@code P0001}, PL/pgSQL's {@code RAISE EXCEPTION}). Handling the event again gives the same answer: it is
 *       parked, and its aggregate with it.</li>
 *   <li>{@link Kind#DATABASE}: every other state, in particular connection ({@code 08}), resources ({@code 53}),
 *       operator intervention ({@code 57P}), a read-only transaction ({@code 25006}) and concurrency
 *       ({@code 40001}, {@code 40P01}). None of them is the event's fault: the batch is retried with back-off and
 *       nothing is parked. A state this list does not know (a missing table, a revoked privilege) is treated so too:
 *       parking every event behind a broken schema would empty the read model instead of stopping it.</li>
 *   <li>{@link Kind#NOT_DATABASE}: no SQL state anywhere in the causes: the projection's own logic refused the event.</li>
 * </ul>
 */
public final class DatabaseFailures {

    public enum Kind {
        DATA,
        DATABASE,
        NOT_DATABASE
    }

    private DatabaseFailures() {
    }

    public static Kind classify(Throwable failure) {
        String state = sqlState(failure);
        if (state == null) {
            return Kind.NOT_DATABASE;
        }
        return state.startsWith("22") || state.startsWith("23") || state.equals("P0001") ? Kind.DATA : Kind.DATABASE;
    }

    /** The first SQL state in the chain of causes (and of a batch update's next exceptions), or {@code null}. */
    static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return null;
    }
}
