package io.nova.platform.vault.k8sauth;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;

/**
 * The Kubernetes auth role {@code nova-<tenant>.<module>} of one tool (and, through {@link #ensureRole}, the tenant's
 * secret store's): only the tool's service accounts in the tenant's namespace may log in, and they get the tool's
 * policy only, with one-hour tokens. Never bound to
 * {@code *}. The namespace-wide role {@code nova-<tenant>} of earlier versions is deleted. The auth method itself is
 * enabled and configured by the Vault administrator; the platform only manages its own roles.
 */
public final class KubernetesAuthRoleProvisioner {

    public static final String KIND = "Kubernetes auth role";
    static final Duration TOKEN_TTL = Duration.ofHours(1);

    private final VaultObjects objects;
    private final String authMount;

    /** @param authMount where the Kubernetes auth method is mounted, without {@code auth/} (default {@code kubernetes}) */
    public KubernetesAuthRoleProvisioner(VaultObjects objects, String authMount) {
        this.objects = objects;
        this.authMount = authMount;
    }

    /** @param serviceAccounts the tool's service account names, none of them {@code *} (checked by the caller) */
    public void ensure(String tenant, String module, String namespace, List<String> serviceAccounts,
                       Changes changes) {
        ensureRole(VaultNames.kubernetesRole(tenant, module), VaultNames.toolPolicy(tenant, module), namespace,
                serviceAccounts, changes);
    }

    /** A role that only these service accounts of one namespace may log in to, getting one policy. */
    public void ensureRole(String name, String policy, String namespace, List<String> serviceAccounts,
                           Changes changes) {
        var desired = new LinkedHashMap<String, Object>();
        desired.put("bound_service_account_names", serviceAccounts);
        desired.put("bound_service_account_namespaces", List.of(namespace));
        // Sent empty so that a selector added by hand, which would admit further namespaces, is cleared.
        desired.put("bound_service_account_namespace_selector", "");
        desired.put("token_policies", List.of(policy));
        desired.put("token_ttl", Fields.vaultDuration(TOKEN_TTL));
        objects.ensure(KIND, name, path(name), desired,
                current -> Fields.sameSet(current.get("bound_service_account_names"), serviceAccounts)
                        && Fields.sameSet(current.get("bound_service_account_namespaces"), List.of(namespace))
                        && Fields.sameText(current.get("bound_service_account_namespace_selector"), "")
                        && Fields.sameSet(current.containsKey("token_policies") ? current.get("token_policies")
                        : current.get("policies"), List.of(policy))
                        && Fields.sameDuration(current.containsKey("token_ttl") ? current.get("token_ttl")
                        : current.get("ttl"), TOKEN_TTL), changes);
    }

    /** The names of all roles of the auth mount (of every tenant and cluster). */
    public java.util.List<String> names() {
        return objects.api().list(roles());
    }

    public void deleteIfPresent(String name, Changes changes) {
        objects.deleteIfPresent(KIND, name, path(name), changes);
    }

    /**
     * Deletes the tenant's tool roles whose module is not in {@code keep}, and its namespace-wide role of earlier
     * versions. With an empty {@code keep} every tool role of the tenant goes (removal, suspension). The role of the
     * tenant's secret store shares the prefix but is no tool's: it is left alone.
     */
    public void removeAllBut(String tenant, Collection<String> keep, Changes changes) {
        String prefix = VaultNames.kubernetesRolePrefix(tenant);
        String legacy = VaultNames.legacyKubernetesRole(tenant);
        String secretStore = VaultNames.secretStoreRole(tenant);
        for (String name : objects.api().list(roles())) {
            boolean unwanted = name.equals(legacy) || name.startsWith(prefix) && !name.equals(secretStore)
                    && !keep.contains(name.substring(prefix.length()));
            if (unwanted) {
                objects.delete(KIND, name, path(name), changes);
            }
        }
    }

    private String roles() {
        return "auth/" + authMount + "/role";
    }

    String path(String name) {
        return roles() + "/" + name;
    }
}
