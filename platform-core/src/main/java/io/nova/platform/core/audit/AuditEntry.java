package io.nova.platform.core.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An audit event as callers see it; before/after are the JSON documents of the target.
 *
 * @param actor     the token subject (a UUID for many providers), with the client for machine tokens
 * @param actorName what people call the actor: preferred user name, name or e-mail; {@code <client> (service)} for
 *                  machine callers; {@code system} for the platform itself
 */
public record AuditEntry(long id, Instant time, String actor, String actorName, AuditAction action,
                         String targetType, String target, @JsonRawValue String before, @JsonRawValue String after,
                         String requestId) {

    static AuditEntry of(AuditEvent e) {
        return new AuditEntry(e.id(), e.occurredAt(), e.actor(), e.actorName(), e.action(), e.targetType(),
                e.target(), e.before(), e.after(), e.requestId());
    }
}
