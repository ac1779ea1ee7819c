package io.nova.platform.app.audit;

import io.nova.platform.core.access.Caller;
import io.nova.platform.core.access.CurrentCaller;
import io.nova.platform.core.access.SystemCaller;
import io.nova.platform.core.audit.ActorContext;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The audit actor is the authenticated caller (subject, and client id for machine tokens); outside a request the
 * MDC may name one (start-up tasks say {@code system}), else the platform itself acts as {@code system}.
 */
@Component
public class RequestActorContext implements ActorContext {

    public static final String ACTOR = "actor";
    public static final String REQUEST_ID = "requestId";

    private final CurrentCaller currentCaller;

    public RequestActorContext(CurrentCaller currentCaller) {
        this.currentCaller = currentCaller;
    }

    @Override
    public String actor() {
        return SystemCaller.current().or(currentCaller::get).map(Caller::actor).orElseGet(() -> {
            String actor = MDC.get(ACTOR);
            return actor == null ? "system" : actor;
        });
    }

    @Override
    public String actorName() {
        return SystemCaller.current().or(currentCaller::get).map(Caller::name).orElseGet(this::actor);
    }

    @Override
    public String requestId() {
        return MDC.get(REQUEST_ID);
    }
}
