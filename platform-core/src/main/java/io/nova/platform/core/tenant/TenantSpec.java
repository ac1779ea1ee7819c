package io.nova.platform.core.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What an admin says about a tenant (a team). {@code namespace} defaults to {@code nova-<slug>}, {@code cluster} to
 * {@code local}, {@code state} to ACTIVE.
 */
@JsonIgnoreProperties(value = {"resourceVersion", "createdAt", "updatedAt"}, allowGetters = true)
public record TenantSpec(String slug, String displayName, String description, List<String> ownerGroups,
                         String namespace, String cluster, TenantQuota quota, TenantState state) {
}
