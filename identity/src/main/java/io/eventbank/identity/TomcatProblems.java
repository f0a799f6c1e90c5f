package io.eventbank.identity;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What Tomcat refuses before the service sees it (a request line or header over its 8 KB limit, too many headers,
 * an encoded slash or NUL in the path) is answered by the host's error report valve, by default an HTML page. This
 * one writes the same answer as {@code application/problem+json}, like every other error of the service.
 */
class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Public, as Tomcat creates it by its class name. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String detail = status < 500 ? "the server refused the request before reading it: a request line or "
                    + "header over its size limits, too many headers, or a path it does not accept"
                    : "the request failed unexpectedly; see the server log";
            String body = "{\"type\":\"" + ProblemTypes.typeFor(status) + "\",\"title\":\""
                          + ProblemTypes.titleFor(status) + "\",\"status\":" + status
                          + ",\"detail\":\"" + detail + "\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client has gone, or the response cannot take a body: the status stands as it is
            }
        }
    }
}
