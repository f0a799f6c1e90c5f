package io.eventbank.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP request written byte for byte to a socket, for what no HTTP client sends: a malformed percent escape, an
 * invalid method, a request line or header far over the server's limits. It speaks HTTP/1.0, so the answer is not
 * chunked and ends when the server closes the connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Response(int status, String head, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().skip(1)
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim())
                    .findFirst().orElse(null);
        }
    }

    /**
     * Sends {@code method target} with the given header lines ({@code "Name: value"}) and no body, with an admin's
     * {@link TestTokens test token} unless the lines name an {@code Authorization} of their own.
     */
    public static Response send(int port, String method, String target, String... headerLines) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n")
                .append("Host: localhost\r\n");
        if (Arrays.stream(headerLines).noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("authorization:"))) {
            request.append("Authorization: Bearer ").append(TestTokens.admin()).append("\r\n");
        }
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String body = end < 0 ? "" : answer.substring(end + 4);
            if (!head.startsWith("HTTP/1.")) {
                throw new IllegalStateException("not an HTTP answer to " + method + " " + abbreviate(target) + ": "
                        + abbreviate(answer));
            }
            return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
