package io.nova.platform.vault.policy;

import java.util.Map;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;

/** The ACL policies {@code nova-admin} and {@code nova-tenant-<tenant>}, rewritten only when their text differs. */
public final class TenantPolicyProvisioner {

    public static final String KIND = "ACL policy";

    private final VaultObjects objects;

    public TenantPolicyProvisioner(VaultObjects objects) {
        this.objects = objects;
    }

    public void ensureAdmin(Changes changes) {
        ensure(VaultNames.ADMIN_POLICY, NovaPolicies.admin(), changes);
    }

    public void ensureTenant(String tenant, Changes changes) {
        ensure(VaultNames.tenantPolicy(tenant), NovaPolicies.tenant(tenant), changes);
    }

    public void removeTenant(String tenant, Changes changes) {
        objects.deleteIfPresent(KIND, VaultNames.tenantPolicy(tenant), path(VaultNames.tenantPolicy(tenant)), changes);
    }

    private void ensure(String name, String text, Changes changes) {
        objects.ensure(KIND, name, path(name), Map.of("policy", text),
                current -> Fields.sameText(current.containsKey("policy") ? current.get("policy") : current.get("rules"),
                        text), changes);
    }

    static String path(String name) {
        return "sys/policies/acl/" + name;
    }
}
