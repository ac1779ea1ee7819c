package io.nova.platform.core.tenant;

/**
 * A tenant of a cluster and the revision of what its objects are rendered from (the tenant, its module installs,
 * quotas and model deployments): the database gives a new revision in the transaction of any change to those, and
 * none for a status write. While the revision stays the same, so do the tenant's objects.
 */
public record TenantRevision(String slug, String namespace, long revision) {
}
