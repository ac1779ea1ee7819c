package io.nova.platform.app.api;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import io.nova.platform.app.audit.RequestActorContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane), echoes it in the response and
 * puts it into the MDC for log lines and audit events. Runs before the security filters, so 401s carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, id);
        MDC.put(RequestActorContext.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestActorContext.REQUEST_ID);
        }
    }
}
