package io.nova.platform.core.tenant;

/** Published when a tenant is deleted, so that what lives outside PostgreSQL for it (Vault) can be removed too. */
public record TenantDeleted(String slug) {
}
