package io.nova.platform.core.identity;

/**
 * The names the platform gives things in Vault, in one place so that the Vault provisioning and the rendered
 * references (annotations, SecretProviderClasses) always agree.
 */
public final class VaultNames {

    /** The KV v2 mount that holds the tenants' secrets. */
    public static final String KV_MOUNT = "nova";
    public static final String OIDC_KEY = "nova";
    public static final String OIDC_PROVIDER = "nova";
    public static final String GROUPS_SCOPE = "groups";
    public static final String ADMIN_POLICY = "nova-admin";
    public static final String CONSOLE_CLIENT = "nova-console";
    public static final String CLIENT_ID_KEY = "client_id";
    public static final String CLIENT_SECRET_KEY = "client_secret";

    private VaultNames() {
    }

    /** KV path (inside the mount, without {@code data/}) of everything of a tenant. */
    public static String tenantPath(String tenant) {
        return "tenants/" + tenant;
    }

    /** KV path of a tool's OIDC client credentials. */
    public static String oidcSecretPath(String tenant, String module) {
        return tenantPath(tenant) + "/oidc/" + module;
    }

    /** The API path an agent or CSI provider reads: {@code nova/data/tenants/<t>/oidc/<module>}. */
    public static String oidcSecretApiPath(String tenant, String module) {
        return KV_MOUNT + "/data/" + oidcSecretPath(tenant, module);
    }

    public static String clientName(String tenant, String module) {
        return tenant + "-" + module;
    }

    public static String assignmentName(String tenant) {
        return "nova-" + tenant;
    }

    public static String tenantPolicy(String tenant) {
        return "nova-tenant-" + tenant;
    }

    /** The Kubernetes auth role bound to the tenant namespace's service accounts. */
    public static String kubernetesRole(String tenant) {
        return "nova-" + tenant;
    }
}
