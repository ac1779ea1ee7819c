package io.nova.platform.app.audit;

import io.nova.platform.core.audit.ActorContext;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The actor and request id of the current thread, as put into the MDC by {@code RequestIdFilter} (and, once
 * authentication lands, by the security layer). Changes outside a request are made by {@code system}.
 */
@Component
public class RequestActorContext implements ActorContext {

    public static final String ACTOR = "actor";
    public static final String REQUEST_ID = "requestId";

    @Override
    public String actor() {
        String actor = MDC.get(ACTOR);
        return actor == null ? "system" : actor;
    }

    @Override
    public String requestId() {
        return MDC.get(REQUEST_ID);
    }
}
