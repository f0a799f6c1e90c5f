package io.eventbank.bench;

import io.eventbank.testsupport.TestTokens;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 client on one kept-alive connection, for one (virtual) thread at a time: it writes a request
 * and reads the status, the headers it needs and the body (by Content-Length or chunked). Much cheaper per request
 * than {@code java.net.http.HttpClient}, which matters when the client shares two cores with what it measures.
 */
final class KeepAliveClient implements AutoCloseable {

    record Response(int status, String body) {
    }

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final int port;
    /** Each client is a caller of its own, with a long-lived admin token signed by the benchmark's key. */
    private final String authorization = "Authorization: Bearer " + TestTokens.token()
            .subject("bench-client-" + CLIENTS.incrementAndGet()).roles("admin").validFor(Duration.ofDays(1)).sign()
            + "\r\n";
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(int port) {
        this.port = port;
    }

    Response post(String path, String json) {
        return post(path, json, "");
    }

    /** A POST with {@code headers}: more header lines, each ending in CRLF. */
    Response post(String path, String json, String headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + authorization + headers + "Content-Length: " + body.length + "\r\n\r\n", body);
    }

    Response get(String path) {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + authorization + "\r\n", new byte[0]);
    }

    private Response exchange(String head, byte[] body) {
        try {
            return send(head, body);
        } catch (IOException first) {
            close();
            try {
                return send(head, body);
            } catch (IOException second) {
                close();
                throw new UncheckedIOException(second);
            }
        }
    }

    private Response send(String head, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                content.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (length > 0) {
            content.write(in.readNBytes(length));
        }
        if (closing) {
            close();
        }
        return new Response(status, content.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
