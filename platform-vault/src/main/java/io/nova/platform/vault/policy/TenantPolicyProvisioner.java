package io.nova.platform.vault.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;

/**
 * The ACL policies {@code nova-admin}, per tool of a tenant {@code nova-tenant-<tenant>.<module>}, and per tenant
 * {@code nova-tenant-<tenant>._secret-store}, rewritten only when their text differs. The tenant-wide policy
 * {@code nova-tenant-<tenant>} of earlier versions is deleted.
 */
public final class TenantPolicyProvisioner {

    public static final String KIND = "ACL policy";
    private static final String POLICIES = "sys/policies/acl";

    private final VaultObjects objects;

    public TenantPolicyProvisioner(VaultObjects objects) {
        this.objects = objects;
    }

    public void ensureAdmin(Changes changes) {
        ensure(VaultNames.ADMIN_POLICY, NovaPolicies.admin(), changes);
    }

    public void ensureTool(String tenant, String module, Changes changes) {
        ensure(VaultNames.toolPolicy(tenant, module), NovaPolicies.tool(tenant, module), changes);
    }

    public void ensureSecretStore(String tenant, Changes changes) {
        ensure(VaultNames.secretStorePolicy(tenant), NovaPolicies.secretStore(tenant), changes);
    }

    /** @param paths the KV paths (inside the mount) it may read */
    public void ensureClusterTool(String cluster, String module, java.util.List<String> paths, Changes changes) {
        ensure(VaultNames.clusterToolName(cluster, module), NovaPolicies.clusterTool(cluster, module, paths),
                changes);
    }

    public void deleteIfPresent(String name, Changes changes) {
        objects.deleteIfPresent(KIND, name, path(name), changes);
    }

    /**
     * Deletes the tenant's tool policies whose module is not in {@code keep}, and its tenant-wide policy of earlier
     * versions. With an empty {@code keep} every tool policy of the tenant goes; the policy of the tenant's secret
     * store shares the prefix but is no tool's: it is left alone.
     */
    public void removeAllBut(String tenant, Collection<String> keep, Changes changes) {
        String prefix = VaultNames.toolPolicyPrefix(tenant);
        String legacy = VaultNames.legacyTenantPolicy(tenant);
        String secretStore = VaultNames.secretStorePolicy(tenant);
        List<String> names = objects.api().list(POLICIES);
        for (String name : names) {
            boolean unwanted = name.equals(legacy) || name.startsWith(prefix) && !name.equals(secretStore)
                    && !keep.contains(name.substring(prefix.length()));
            if (unwanted) {
                objects.delete(KIND, name, path(name), changes);
            }
        }
    }

    private void ensure(String name, String text, Changes changes) {
        objects.ensure(KIND, name, path(name), Map.of("policy", text),
                current -> Fields.sameText(current.containsKey("policy") ? current.get("policy") : current.get("rules"),
                        text), changes);
    }

    static String path(String name) {
        return POLICIES + "/" + name;
    }
}
