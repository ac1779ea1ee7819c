package io.nova.platform.core.audit;

import java.time.Instant;

import io.nova.platform.core.common.PageQuery;

/**
 * Filters for the audit log; null means "any". {@code target} matches the target itself and everything under it
 * ({@code tenants/team-a} also finds {@code tenants/team-a/modules/mlflow}).
 */
public record AuditQuery(String target, String actor, Instant since, PageQuery page) {
}
