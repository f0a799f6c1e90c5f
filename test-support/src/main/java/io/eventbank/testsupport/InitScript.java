package io.eventbank.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs {@code deploy/postgres/init.sql}, the one script that creates the databases and roles, over JDBC where no
 * psql is at hand, exactly as psql runs it in Compose: the script's SQL statements (each ending with a semicolon at
 * the end of a line) and the few psql commands it uses, {@code \set}, {@code \getenv}, {@code \if :{?name}} with
 * {@code \else} and {@code \endif}, {@code \gexec} and {@code \connect}, with psql's variables {@code :name},
 * {@code :'name'} and {@code :"name"} outside quotes and comments. Anything else stops it with the line named, so
 * that the script cannot drift into what only psql understands; {@code scripts/check-deploy.sh} compares what both
 * leave behind.
 */
final class InitScript {

    private final PostgresServer server;
    private final Map<String, String> environment;
    private final Map<String, String> variables = new HashMap<>();
    /** One entry per open {@code \if}. */
    private final Deque<Branch> branches = new ArrayDeque<>();
    private final StringBuilder statement = new StringBuilder();
    private Connection connection;
    private int lineNumber;

    InitScript(PostgresServer server, Map<String, String> environment) {
        this.server = server;
        this.environment = environment;
    }

    /** Runs the script's lines on {@code database} (then wherever it connects), stopping at the first error. */
    void run(List<String> lines, String database) throws SQLException {
        connection = server.connect(database);
        try {
            for (String line : lines) {
                lineNumber++;
                try {
                    runLine(line);
                } catch (SQLException | RuntimeException e) {
                    throw new IllegalStateException("init script, line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
            if (!statement.toString().isBlank() || !branches.isEmpty()) {
                throw new IllegalStateException("init script: ends inside a statement or an \\if");
            }
        } finally {
            connection.close();
        }
    }

    private void runLine(String line) throws SQLException {
        String trimmed = line.strip();
        if (statement.isEmpty() && trimmed.startsWith("\\")) {
            meta(trimmed);
        } else if (!active() || statement.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
            return;
        } else if (trimmed.endsWith("\\gexec")) {
            statement.append(line, 0, line.lastIndexOf("\\gexec")).append('\n');
            gexec(interpolate(statement.toString()));
            statement.setLength(0);
        } else {
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                execute(interpolate(statement.toString()));
                statement.setLength(0);
            }
        }
    }

    private void meta(String command) throws SQLException {
        String[] words = command.split("\\s+", 3);
        switch (words[0]) {
            case "\\if" -> {
                boolean running = active() && condition(words);
                branches.push(new Branch(active(), running, running));
            }
            case "\\else" -> {
                Branch branch = branches.pop();
                branches.push(new Branch(branch.outerRunning(), true, branch.outerRunning() && !branch.taken()));
            }
            case "\\endif" -> branches.pop();
            default -> {
                if (!active()) {
                    return;
                }
                switch (words[0]) {
                    case "\\set" -> variables.put(words[1], words.length > 2 ? words[2] : "");
                    case "\\getenv" -> {
                        String value = environment.get(words[2]);
                        if (value != null) {
                            variables.put(words[1], value);
                        }
                    }
                    case "\\connect", "\\c" -> {
                        connection.close();
                        connection = server.connect(interpolate(words[1]));
                    }
                    default -> throw new IllegalStateException("psql command not supported over JDBC: " + command);
                }
            }
        }
    }

    private boolean condition(String[] words) {
        String expression = String.join(" ", List.of(words).subList(1, words.length));
        if (!expression.matches(":\\{\\?\\w+}")) {
            throw new IllegalStateException("only \\if :{?name} is supported, not \\if " + expression);
        }
        return variables.containsKey(expression.substring(3, expression.length() - 1));
    }

    private boolean active() {
        return branches.isEmpty() || branches.peek().running();
    }

    /** An open {@code \if}: whether the lines around it run, whether a branch of it was taken, whether this one runs. */
    private record Branch(boolean outerRunning, boolean taken, boolean running) {
    }

    private void execute(String sql) throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            jdbc.execute(sql);
        }
    }

    /** psql's {@code \gexec}: runs the query, then every non-null value of its result, row by row, as a statement. */
    private void gexec(String query) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement jdbc = connection.createStatement(); ResultSet rows = jdbc.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    String value = rows.getString(column);
                    if (value != null) {
                        statements.add(value);
                    }
                }
            }
        }
        for (String sql : statements) {
            execute(sql);
        }
    }

    /** Replaces psql's variables outside string literals, quoted identifiers and comments, as psql does. */
    String interpolate(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && sql.startsWith("::", i)) {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length()) {
                i = variable(sql, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** At a colon: appends the variable it starts, quoted as asked, or the colon alone; returns where to go on. */
    private int variable(String sql, int colon, StringBuilder out) {
        char next = sql.charAt(colon + 1);
        UnaryOperator<String> quote = next == '\'' ? InitScript::literal : next == '"' ? InitScript::identifier : null;
        int start = quote == null ? colon + 1 : colon + 2;
        int end = start;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        String name = sql.substring(start, end);
        boolean closed = quote == null || end < sql.length() && sql.charAt(end) == next;
        if (name.isEmpty() || !closed || !variables.containsKey(name)) {
            out.append(':');
            return colon + 1;
        }
        String value = variables.get(name);
        out.append(quote == null ? value : quote.apply(value));
        return quote == null ? end : end + 1;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String identifier(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
