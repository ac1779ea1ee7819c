package io.nova.platform.app.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies over 1 MiB: by their Content-Length before anything reads them, and for a chunked body (or a
 * length that lies) at the first byte over the limit while it is read (a 413 through {@link ProblemDetailsHandler}).
 * No legitimate request of this API comes near it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().startsWith("/api/") && request.getContentLengthLong() > MAX_BYTES) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("""
                    {"type":"%smalformed-request","title":"Request too large","status":413,\
                    "detail":"Request bodies are limited to 1 MiB","instance":"%s","requestId":"%s"}"""
                    .formatted("https://nova-platform.io/problems/", request.getRequestURI().replace("\"", ""),
                            MDC.get("requestId")));
            return;
        }
        chain.doFilter(request.getRequestURI().startsWith("/api/") ? new LimitedRequest(request, MAX_BYTES)
                : request, response);
    }
}
