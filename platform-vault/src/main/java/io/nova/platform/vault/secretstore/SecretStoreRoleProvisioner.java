package io.nova.platform.vault.secretstore;

import java.util.List;

import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.k8sauth.KubernetesAuthRoleProvisioner;
import io.nova.platform.vault.policy.TenantPolicyProvisioner;
import io.nova.platform.vault.support.Changes;

/**
 * What the secret store of a tenant's namespace logs in to Vault with: the Kubernetes auth role
 * {@code nova-<tenant>._secret-store}, bound only to the ServiceAccount {@code nova-secret-store} of the tenant's
 * namespace, and its policy, which reads the tenant's generated credentials and OIDC client credentials. A suspended
 * tenant keeps the policy but loses the role, like its tools' roles.
 */
public final class SecretStoreRoleProvisioner {

    public static final String KIND = "secret store role";

    private final TenantPolicyProvisioner policies;
    private final KubernetesAuthRoleProvisioner roles;

    public SecretStoreRoleProvisioner(TenantPolicyProvisioner policies, KubernetesAuthRoleProvisioner roles) {
        this.policies = policies;
        this.roles = roles;
    }

    public void ensure(TenantIdentity tenant, Changes changes) {
        String slug = tenant.slug();
        policies.ensureSecretStore(slug, changes);
        if (tenant.suspended()) {
            roles.deleteIfPresent(VaultNames.secretStoreRole(slug), changes);
        } else {
            roles.ensureRole(VaultNames.secretStoreRole(slug), VaultNames.secretStorePolicy(slug), tenant.namespace(),
                    List.of(VaultNames.SECRET_STORE_SERVICE_ACCOUNT), changes);
        }
    }

    public void remove(String tenant, Changes changes) {
        roles.deleteIfPresent(VaultNames.secretStoreRole(tenant), changes);
        policies.deleteIfPresent(VaultNames.secretStorePolicy(tenant), changes);
    }
}
