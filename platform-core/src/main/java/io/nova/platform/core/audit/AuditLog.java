package io.nova.platform.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Records every change in the transaction that makes it, and answers questions about past changes. */
@Service
public class AuditLog {

    private final AuditEventRepository events;
    private final ActorContext actorContext;
    private final JsonMapper json;
    private final io.nova.platform.core.access.AccessControl access;

    public AuditLog(AuditEventRepository events, ActorContext actorContext, JsonMapper json,
                    io.nova.platform.core.access.AccessControl access) {
        this.events = events;
        this.actorContext = actorContext;
        this.json = json;
        this.access = access;
    }

    /**
     * Records a change of {@code target}; {@code before} is null for a creation and {@code after} for a deletion.
     * Must run inside the caller's transaction so that the event and the change commit or roll back together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditAction action, String targetType, String target, Object before, Object after) {
        events.save(new AuditEvent(Instant.now(), actorContext.actor(), actorContext.actorName(), action, targetType,
                target, toJson(before), toJson(after), actorContext.requestId()));
    }

    /** Records an update unless nothing changed, so repeating the same request leaves no audit noise. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordUpdate(String targetType, String target, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return false;
        }
        record(AuditAction.UPDATE, targetType, target, before, after);
        return true;
    }

    @Transactional(readOnly = true)
    public PageResult<AuditEntry> find(AuditQuery query) {
        access.requireAdminOrViewer("the audit log");
        return search(query);
    }

    /**
     * A tenant's own history (the tenant, its quotas, modules and model deployments), for whoever may read the
     * tenant: its admins too, who may not read the whole audit log.
     */
    @Transactional(readOnly = true)
    public PageResult<AuditEntry> findForTenant(String slug, java.util.Collection<String> ownerGroups,
                                                java.util.Collection<String> memberGroups, PageQuery page) {
        access.requireTenantRead(slug, ownerGroups, memberGroups);
        return search(new AuditQuery("tenants/" + slug, null, null, page));
    }

    private PageResult<AuditEntry> search(AuditQuery query) {
        Specification<AuditEvent> spec = (root, q, cb) -> {
            var predicates = new ArrayList<Predicate>();
            if (query.target() != null) {
                predicates.add(cb.or(cb.equal(root.get("target"), query.target()),
                        cb.like(root.get("target"), escapeLike(query.target()) + "/%", '\\')));
            }
            if (query.actor() != null) {
                // by the subject or by the name people know
                predicates.add(cb.or(cb.equal(root.get("actor"), query.actor()),
                        cb.equal(root.get("actorName"), query.actor())));
            }
            if (query.since() != null) {
                predicates.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), query.since()));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
        var sort = Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"));
        return PageResult.of(events.findAll(spec, query.page().pageable(sort)), AuditEntry::of);
    }

    private String toJson(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
