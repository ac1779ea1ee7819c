package io.nova.platform.core.tenant;

import java.time.Instant;
import java.util.List;

public record TenantView(String slug, String displayName, String description, List<String> ownerGroups,
                         List<String> memberGroups, String namespace, String cluster, TenantQuota quota,
                         TenantState state, List<String> egressCidrs, long resourceVersion, Instant createdAt,
                         Instant updatedAt) {

    static TenantView of(Tenant t) {
        return new TenantView(t.slug(), t.displayName(), t.description(), t.ownerGroups(), t.memberGroups(),
                t.namespace(), t.cluster().name(), t.quota() == null ? new TenantQuota(null, null, null) : t.quota(),
                t.state(), t.egressCidrs(), t.version(), t.createdAt(), t.updatedAt());
    }

    public TenantSpec spec() {
        return new TenantSpec(slug, displayName, description, ownerGroups, memberGroups, namespace, cluster, quota,
                state, egressCidrs);
    }
}
