package io.nova.platform.core.reconcile;

import java.util.Collection;
import java.util.List;

import io.nova.platform.core.audit.AuditEntry;

/**
 * The audit log as a cluster's deliveries read it: which recorded changes a delivery carries out, so that its commit
 * names them and their authors.
 */
public interface ChangeHistory {

    /** The id of the newest audit event (0 for none). */
    long latest();

    /** The newest audit event a delivery of the cluster has named. */
    long deliveredThrough(String cluster);

    /**
     * The audit events in {@code (after, through]} that change the given tenants' desired state (their tenant,
     * modules, quotas and model deployments, removed tenants included) and, with {@code clusterUnit}, the cluster's
     * own (its settings, pools and cluster modules), oldest first, at most {@code limit}.
     */
    List<AuditEntry> between(String cluster, long after, long through, Collection<String> tenants,
                             boolean clusterUnit, int limit);

    /** Records that the cluster's deliveries have named everything up to {@code through}. */
    void delivered(String cluster, long through);

    /** No audit log: deliveries name no one. */
    ChangeHistory NONE = new ChangeHistory() {
        @Override
        public long latest() {
            return 0;
        }

        @Override
        public long deliveredThrough(String cluster) {
            return 0;
        }

        @Override
        public List<AuditEntry> between(String cluster, long after, long through, Collection<String> tenants,
                                        boolean clusterUnit, int limit) {
            return List.of();
        }

        @Override
        public void delivered(String cluster, long through) {
        }
    };
}
