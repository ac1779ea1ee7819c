package io.nova.platform.core.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.reconcile.ChangeHistory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * {@link ChangeHistory} from the {@code audit_event} table. Only the kinds of change that reach a cluster are read
 * (tenants, module installs, GPU quotas, model deployments, GPU pools, clusters); a tenant's events are found by the
 * slug in their target, so those of a removed tenant too, and a pool's by the cluster in its recorded spec.
 */
@Service
public class AuditChangeHistory implements ChangeHistory {

    /** The audit target types whose changes a delivery carries out. */
    static final List<String> DELIVERED_TYPES = List.of("Tenant", "Module install", "GPU quota", "Model deployment",
            "GPU pool", "Cluster");

    private static final String BETWEEN = """
            SELECT id, occurred_at, actor, COALESCE(actor_name, actor) AS actor_name, action, target_type, target, before_json::text AS before_json,
                   after_json::text AS after_json, request_id
            FROM audit_event
            WHERE id > :after AND id <= :through AND target_type IN (:types)
              AND ((target LIKE 'tenants/%' AND split_part(target, '/', 2) IN (:tenants))
                   OR (:clusterUnit AND (target = 'clusters/' || :cluster
                       OR target LIKE 'cluster-modules/' || :cluster || '/%'
                       OR (target LIKE 'gpu-pools/%'
                           AND COALESCE(after_json ->> 'cluster', before_json ->> 'cluster') = :cluster))))
            ORDER BY id
            LIMIT :limit
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public AuditChangeHistory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long latest() {
        Long id = jdbc.getJdbcTemplate().queryForObject("SELECT COALESCE(MAX(id), 0) FROM audit_event", Long.class);
        return id == null ? 0 : id;
    }

    @Override
    public long deliveredThrough(String cluster) {
        List<Long> through = jdbc.queryForList("SELECT audit_delivered_through FROM cluster WHERE name = :cluster",
                Map.of("cluster", cluster), Long.class);
        return through.isEmpty() || through.getFirst() == null ? 0 : through.getFirst();
    }

    @Override
    public List<AuditEntry> between(String cluster, long after, long through, Collection<String> tenants,
                                    boolean clusterUnit, int limit) {
        if (through <= after || tenants.isEmpty() && !clusterUnit) {
            return List.of();
        }
        var parameters = new MapSqlParameterSource()
                .addValue("after", after).addValue("through", through).addValue("types", DELIVERED_TYPES)
                // no slug is empty: an IN list must not be
                .addValue("tenants", tenants.isEmpty() ? List.of("") : List.copyOf(tenants))
                .addValue("clusterUnit", clusterUnit).addValue("cluster", cluster).addValue("limit", limit);
        return jdbc.query(BETWEEN, parameters, (row, n) -> new AuditEntry(row.getLong("id"),
                row.getTimestamp("occurred_at").toInstant(), row.getString("actor"), row.getString("actor_name"),
                AuditAction.valueOf(row.getString("action")), row.getString("target_type"), row.getString("target"),
                row.getString("before_json"), row.getString("after_json"), row.getString("request_id")));
    }

    @Override
    public void delivered(String cluster, long through) {
        jdbc.update("UPDATE cluster SET audit_delivered_through = :through WHERE name = :cluster "
                + "AND audit_delivered_through < :through", Map.of("cluster", cluster, "through", through));
    }
}
