package io.eventbank.command.web;

import io.eventbank.command.idempotency.IdempotentCommands;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks a request body before anything parses it, when it is first read (as a stream, which is how Spring MVC reads
 * JSON):
 * <ul>
 *     <li>its size: no command needs more than a few kilobytes, and without a bound a client could make the service
 *     hold any amount of JSON in memory (Tomcat's post size limit covers forms only). {@link ProblemHandler} answers
 *     a larger body, declared or chunked, with 413;</li>
 *     <li>that a JSON body in UTF-8 is valid UTF-8: the JSON parser decodes overlong forms (such as {@code C0 AF} for
 *     {@code /}) instead of refusing them, so text could reach the event store other than as the client's bytes
 *     spelled it. Answered 400.</li>
 * </ul>
 */
@Component
class RequestBodyGuard extends OncePerRequestFilter {

    /** A body the guard refuses; an {@link IOException}, as the reader of the body expects. */
    abstract static sealed class RefusedBody extends IOException {

        RefusedBody(String message) {
            super(message, null);
        }
    }

    static final class TooLarge extends RefusedBody {

        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    static final class NotUtf8 extends RefusedBody {

        NotUtf8() {
            super("the body is not valid UTF-8");
        }
    }

    private final long limit;

    RequestBodyGuard(WebSettings settings) {
        this.limit = settings.maxRequestBody().toBytes();
    }

    /** The refusal behind a failure to read the body, or {@code null}. */
    static RefusedBody refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedBody refused) {
                return refused;
            }
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream body;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (body == null) {
                    body = new Checked(check(this, super.getInputStream()));
                }
                return body;
            }
        }, response);
    }

    private byte[] check(HttpServletRequest request, ServletInputStream in) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new TooLarge(limit);
        }
        byte[] bytes = in.readNBytes(Math.toIntExact(limit + 1));
        if (bytes.length > limit) {
            throw new TooLarge(limit);
        }
        if (isUtf8Json(request.getContentType())) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new NotUtf8();
            }
        }
        request.setAttribute(IdempotentCommands.REQUEST_BODY, bytes);
        return bytes;
    }

    private static boolean isUtf8Json(String contentType) {
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            return type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)
                   && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException e) {
            // not a media type at all: Spring MVC answers 415
            return false;
        }
    }

    /** The checked body, read from memory (and left in a request attribute for {@link IdempotentCommands}). */
    private static final class Checked extends ServletInputStream {

        private final ByteArrayInputStream in;

        Checked(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body is already read");
        }
    }
}
