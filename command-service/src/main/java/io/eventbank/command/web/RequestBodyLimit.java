package io.eventbank.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounds the request body: no command needs more than a few kilobytes, and without a bound a client could make the
 * service hold any amount of JSON in memory (Tomcat's post size limit covers forms only). A body that declares or
 * turns out to be larger fails as soon as it is read (as a stream, which is how Spring MVC reads JSON), which
 * {@link ProblemHandler} answers with 413.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    /** A body larger than the limit; an {@link IOException}, as the reader of the body expects. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes", null);
        }
    }

    private final long limit;

    RequestBodyLimit(@Value("${eventbank.web.max-request-body:64KB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream body;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (getContentLengthLong() > limit) {
                    throw new BodyTooLargeException(limit);
                }
                if (body == null) {
                    body = new Bounded(super.getInputStream(), limit);
                }
                return body;
            }
        }, response);
    }

    private static final class Bounded extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Bounded(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
