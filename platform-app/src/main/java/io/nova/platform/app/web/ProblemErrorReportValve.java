package io.nova.platform.app.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Errors that Tomcat answers itself, before any servlet sees the request (a path with an encoded slash, a malformed
 * request line or header), in the API's one error format, RFC 9457 problem details, instead of Tomcat's HTML page.
 * Nothing of the request is echoed and no server details are shown.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            default -> status < 500 ? "Request refused" : "Internal error";
        };
        String detail = status < 500
                ? "The server refused the request before it reached the platform (for example an encoded slash or "
                + "dot segment in the path, or a malformed request line or header)"
                : "The server failed to handle the request";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"https://nova-platform.io/problems/malformed-request\",\"title\":\"%s\","
                        .formatted(title) + "\"status\":%d,\"detail\":\"%s\"}".formatted(status, detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response is committed: nothing more to tell it
        }
    }
}
