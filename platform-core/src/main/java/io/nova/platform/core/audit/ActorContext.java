package io.nova.platform.core.audit;

/** Who is making the current change and under which request id; the application supplies it. */
public interface ActorContext {

    String actor();

    /** What people call the actor; the subject when nothing better is known. */
    default String actorName() {
        return actor();
    }

    /** Correlates an audit event with the request and its log lines; null outside a request. */
    String requestId();
}
