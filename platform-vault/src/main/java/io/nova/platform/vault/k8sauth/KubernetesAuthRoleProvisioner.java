package io.nova.platform.vault.k8sauth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;

/**
 * The Kubernetes auth role {@code nova-<tenant>}: every service account of the tenant's namespace may log in and gets
 * the tenant's policy, with one-hour tokens. The auth method itself is enabled and configured by the Vault
 * administrator; the platform only manages its own roles.
 */
public final class KubernetesAuthRoleProvisioner {

    public static final String KIND = "Kubernetes auth role";
    static final Duration TOKEN_TTL = Duration.ofHours(1);
    private static final List<String> ALL_SERVICE_ACCOUNTS = List.of("*");

    private final VaultObjects objects;
    private final String authMount;

    /** @param authMount where the Kubernetes auth method is mounted, without {@code auth/} (default {@code kubernetes}) */
    public KubernetesAuthRoleProvisioner(VaultObjects objects, String authMount) {
        this.objects = objects;
        this.authMount = authMount;
    }

    public void ensure(String tenant, String namespace, Changes changes) {
        String policy = VaultNames.tenantPolicy(tenant);
        var desired = new LinkedHashMap<String, Object>();
        desired.put("bound_service_account_names", ALL_SERVICE_ACCOUNTS);
        desired.put("bound_service_account_namespaces", List.of(namespace));
        desired.put("token_policies", List.of(policy));
        desired.put("token_ttl", Fields.vaultDuration(TOKEN_TTL));
        objects.ensure(KIND, VaultNames.kubernetesRole(tenant), path(tenant), desired,
                current -> Fields.sameSet(current.get("bound_service_account_names"), ALL_SERVICE_ACCOUNTS)
                        && Fields.sameSet(current.get("bound_service_account_namespaces"), List.of(namespace))
                        && Fields.sameSet(current.containsKey("token_policies") ? current.get("token_policies")
                        : current.get("policies"), List.of(policy))
                        && Fields.sameDuration(current.containsKey("token_ttl") ? current.get("token_ttl")
                        : current.get("ttl"), TOKEN_TTL), changes);
    }

    public void remove(String tenant, Changes changes) {
        objects.deleteIfPresent(KIND, VaultNames.kubernetesRole(tenant), path(tenant), changes);
    }

    String path(String tenant) {
        return "auth/" + authMount + "/role/" + VaultNames.kubernetesRole(tenant);
    }
}
