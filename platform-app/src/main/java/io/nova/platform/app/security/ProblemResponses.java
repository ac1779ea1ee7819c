package io.nova.platform.app.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters as the same problem details the API uses elsewhere. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(String challenge) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", challenge);
            write(request, response, 401, "unauthorized", "Unauthorized",
                    "Authentication is required: send a valid bearer token (or, in the development setup, the local "
                            + "admin's credentials)");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(request, response, 403, "forbidden", "Forbidden",
                "Your roles do not allow this");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
                              String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("""
                {"type":"https://nova-platform.io/problems/%s","title":"%s","status":%d,"detail":"%s",\
                "instance":"%s","requestId":"%s"}""".formatted(type, title, status, detail,
                request.getRequestURI().replace("\"", ""), MDC.get("requestId")));
    }
}
