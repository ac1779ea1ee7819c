package io.nova.platform.core.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** One recorded change; never updated after it is written. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "actor_name", updatable = false)
    private String actorName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AuditAction action;

    @Column(name = "target_type", nullable = false, updatable = false)
    private String targetType;

    @Column(nullable = false, updatable = false)
    private String target;

    @Column(name = "before_json", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String before;

    @Column(name = "after_json", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String after;

    @Column(name = "request_id", updatable = false)
    private String requestId;

    protected AuditEvent() {
    }

    AuditEvent(Instant occurredAt, String actor, String actorName, AuditAction action, String targetType, String target,
               String before, String after, String requestId) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.actorName = actorName;
        this.action = action;
        this.targetType = targetType;
        this.target = target;
        this.before = before;
        this.after = after;
        this.requestId = requestId;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    /** What people call the actor; the subject for events recorded before names were. */
    public String actorName() {
        return actorName == null ? actor : actorName;
    }

    public AuditAction action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String target() {
        return target;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    public String requestId() {
        return requestId;
    }
}
