package io.nova.platform.core.identity;

import io.nova.platform.core.module.integration.GeneratedCredential;

/**
 * Port to the secret store (StarVault, implemented in platform-vault): OIDC clients for the tenants' tools, the
 * tenant's KV path, ACL policy and Kubernetes auth role. Every method is idempotent; none ever returns a secret.
 */
public interface TenantSecrets {

    /** False when no Vault is configured: nothing is provisioned and installs say so. */
    boolean configured();

    /** Makes Vault hold what {@code tenant} needs and repairs what was changed there by hand. */
    ProvisioningReport provision(TenantIdentity tenant);

    /** What {@link #provision} would change, without writing. */
    ProvisioningReport plan(TenantIdentity tenant);

    /**
     * Makes Vault hold the OIDC clients of a cluster's own web UIs and what their namespaces' secret stores need to
     * deliver them; removes those no longer listed. The report's {@code tenant} is the cluster's name.
     */
    ProvisioningReport provisionClusterTools(ClusterToolIdentity cluster);

    /** What {@link #provisionClusterTools} would change, without writing. */
    ProvisioningReport planClusterTools(ClusterToolIdentity cluster);

    /** Removes the clients, assignment, policy, role and secrets of a tenant that no longer exists. */
    ProvisioningReport remove(String tenant);

    /** Replaces the OIDC client secret of a tenant's tool; the new secret goes to the tenant's KV path only. */
    void rotateClientSecret(String tenant, String module);

    /**
     * Replaces every value of a generated credential of a tenant (a new password, key or cookie secret); the tenant's
     * secret store delivers it on its next refresh.
     */
    void rotateCredential(String tenant, GeneratedCredential credential);

    /**
     * Sets the verifier ({@code sha256:<hex>}) of a tenant's model API key in the tenant's
     * {@value VaultNames#API_KEYS_SECRET} credential, or removes it with {@code null}; the tenant's model gateway
     * accepts exactly the keys whose verifiers are there.
     */
    void putApiKeyVerifier(String tenant, String name, String verifier);
}
