package io.nova.platform.core.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** An audit event as callers see it; before/after are the JSON documents of the target. */
public record AuditEntry(long id, Instant time, String actor, AuditAction action, String targetType, String target,
                         @JsonRawValue String before, @JsonRawValue String after, String requestId) {

    static AuditEntry of(AuditEvent e) {
        return new AuditEntry(e.id(), e.occurredAt(), e.actor(), e.action(), e.targetType(), e.target(), e.before(),
                e.after(), e.requestId());
    }
}
