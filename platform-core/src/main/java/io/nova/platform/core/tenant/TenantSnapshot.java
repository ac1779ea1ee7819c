package io.nova.platform.core.tenant;

import java.util.List;

/**
 * A tenant as the renderer sees it.
 *
 * @param ownerGroups  groups whose members administer the tenant (write access in its namespace)
 * @param memberGroups groups whose members use the tenant's tools and read its namespace
 * @param egressCidrs  private address ranges (CIDRs) a platform admin opened for the tenant's egress, beyond the
 *                     internet that every tenant reaches
 */
public record TenantSnapshot(String slug, String displayName, String description, String namespace,
                             List<String> ownerGroups, List<String> memberGroups, TenantQuota quota,
                             TenantState state, List<String> egressCidrs) {

    public TenantSnapshot {
        ownerGroups = ownerGroups == null ? List.of() : List.copyOf(ownerGroups);
        memberGroups = memberGroups == null ? List.of() : List.copyOf(memberGroups);
        egressCidrs = egressCidrs == null ? List.of() : List.copyOf(egressCidrs);
    }

    /** A tenant without member groups or extra egress. */
    public TenantSnapshot(String slug, String displayName, String description, String namespace,
                          List<String> ownerGroups, TenantQuota quota, TenantState state) {
        this(slug, displayName, description, namespace, ownerGroups, List.of(), quota, state, List.of());
    }
}
