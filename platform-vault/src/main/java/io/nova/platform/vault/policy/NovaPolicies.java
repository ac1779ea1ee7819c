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
     * {@code nova-tenant-<tenant>.<module>}: what the pods of one tool get through the tool's Kubernetes auth role,
     * namely reading the tool's own OIDC client credentials; no other tool's secret, and no listing of the tenant's
     * secrets.
     */
    public static String tool(String tenant, String module) {
        return """
                # Managed by Nova Platform: tool %3$s of tenant %2$s may read its own OIDC client credentials only.
                path "%1$s" {
                  capabilities = ["read"]
                }
                """.formatted(VaultNames.oidcSecretApiPath(tenant, module), tenant, module);
    }

    /**
     * {@code nova-tenant-<tenant>._secret-store}: what the tenant's secret store (External Secrets Operator, logged in
     * as {@code nova-secret-store} of the tenant's namespace) gets, namely reading the tenant's generated credentials
     * and its tools' OIDC client credentials; no listing, no writing, nothing of another tenant.
     */
    public static String secretStore(String tenant) {
        return """
                # Managed by Nova Platform: the secret store of tenant %3$s may read its credentials and OIDC clients.
                path "%1$s" {
                  capabilities = ["read"]
                }
                path "%2$s" {
                  capabilities = ["read"]
                }
                """.formatted(VaultNames.credentialApiPath(tenant, "*"), VaultNames.oidcSecretApiPath(tenant, "*"),
                tenant);
    }

    /**
     * {@code nova-cluster_<cluster>.<module>}: what the secret store of a namespace of the cluster's own components
     * gets, namely reading the given KV paths of the cluster (a component's OIDC client, the GitOps repository's
     * credentials); nothing else, no listing.
     */
    public static String clusterTool(String cluster, String module, java.util.List<String> paths) {
        var text = new StringBuilder("# Managed by Nova Platform: the secret store of %s in cluster %s may read these "
                .formatted(module, cluster) + "paths only.\n");
        for (String path : paths) {
            text.append("""
                    path "%s/data/%s" {
                      capabilities = ["read"]
                    }
                    """.formatted(VaultNames.KV_MOUNT, path));
        }
        return text.toString();
    }
}
