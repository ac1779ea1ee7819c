package io.nova.platform.vault.policy;

import io.nova.platform.core.identity.VaultNames;

/** The texts of the ACL policies the platform writes. */
public final class NovaPolicies {

    private NovaPolicies() {
    }

    /** {@code nova-admin}: for platform administrators, full access to everything in the platform's KV mount. */
    public static String admin() {
        return """
                # Managed by Nova Platform: full access to the platform's secrets (all tenants).
                path "%1$s/*" {
                  capabilities = ["create", "read", "update", "patch", "delete", "list"]
                }
                """.formatted(VaultNames.KV_MOUNT);
    }

    /**
     * {@code nova-tenant-<tenant>}: what the tenant's workloads get through the Kubernetes auth role, namely reading
     * the tenant's own secrets and listing their names, nothing else.
     */
    public static String tenant(String tenant) {
        return """
                # Managed by Nova Platform: tenant %2$s may read its own secrets only.
                path "%1$s/data/%3$s/*" {
                  capabilities = ["read"]
                }
                path "%1$s/metadata/%3$s/*" {
                  capabilities = ["list"]
                }
                """.formatted(VaultNames.KV_MOUNT, tenant, VaultNames.tenantPath(tenant));
    }
}
