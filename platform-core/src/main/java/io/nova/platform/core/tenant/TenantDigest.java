package io.nova.platform.core.tenant;

/**
 * A tenant of a cluster and a digest of what its objects are rendered from (the tenant, its module installs, quotas
 * and model deployments): while the digest stays the same, so do the tenant's objects.
 */
public record TenantDigest(String slug, String namespace, String digest) {
}
