package io.nova.platform.core.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What an admin says about a tenant (a team). {@code namespace} defaults to {@code nova-<slug>}, {@code cluster} to
 * {@code local}, {@code state} to ACTIVE. Members of {@code ownerGroups} administer the tenant; members of
 * {@code memberGroups} use its tools and read its namespace. {@code egressCidrs} are private address ranges the
 * tenant's pods may reach besides the internet (e.g. a company database).
 */
@JsonIgnoreProperties(value = {"resourceVersion", "createdAt", "updatedAt"}, allowGetters = true)
public record TenantSpec(String slug, String displayName, String description, List<String> ownerGroups,
                         List<String> memberGroups, String namespace, String cluster, TenantQuota quota,
                         TenantState state, List<String> egressCidrs) {
}
