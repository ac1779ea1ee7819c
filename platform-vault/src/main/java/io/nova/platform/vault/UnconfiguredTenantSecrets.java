package io.nova.platform.vault;

import io.nova.platform.core.module.integration.GeneratedCredential;

import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.identity.ClusterToolIdentity;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.vault.api.EmptyVaultApi;
import io.nova.platform.vault.config.VaultProperties;

/**
 * {@link TenantSecrets} when no Vault is configured ({@code nova.vault.uri} empty): nothing is changed and every
 * change says so, while a plan still lists everything a first provisioning would create, in the same words.
 */
public final class UnconfiguredTenantSecrets implements TenantSecrets {

    public static final String NOT_CONFIGURED =
            "Vault is not configured: set nova.vault.uri (NOVA_VAULT_URI) to provision OIDC clients and secrets";

    private final VaultTenantSecrets planner;

    public UnconfiguredTenantSecrets(VaultProperties properties) {
        this.planner = new VaultTenantSecrets(new EmptyVaultApi(), properties);
    }

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public ProvisioningReport provision(TenantIdentity tenant) {
        return ProvisioningReport.failed(tenant.slug(), NOT_CONFIGURED);
    }

    /** Everything a first provisioning would create in an empty Vault. */
    @Override
    public ProvisioningReport plan(TenantIdentity tenant) {
        return planner.plan(tenant);
    }

    @Override
    public ProvisioningReport provisionClusterTools(ClusterToolIdentity cluster) {
        return ProvisioningReport.failed(cluster.cluster(), NOT_CONFIGURED);
    }

    /** Everything a first provisioning would create in an empty Vault. */
    @Override
    public ProvisioningReport planClusterTools(ClusterToolIdentity cluster) {
        return planner.planClusterTools(cluster);
    }

    @Override
    public ProvisioningReport remove(String tenant) {
        return ProvisioningReport.failed(tenant, NOT_CONFIGURED);
    }

    /** @throws ConflictException always: there is no client to rotate without a Vault */
    @Override
    public void rotateClientSecret(String tenant, String module) {
        throw new ConflictException(NOT_CONFIGURED);
    }

    @Override
    public void rotateCredential(String tenant, GeneratedCredential credential) {
        throw new ConflictException(NOT_CONFIGURED);
    }

    @Override
    public void putApiKeyVerifier(String tenant, String name, String verifier) {
        throw new ConflictException(NOT_CONFIGURED);
    }
}
