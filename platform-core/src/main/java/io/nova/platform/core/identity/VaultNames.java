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

    /** The credential (and Kubernetes Secret) holding the verifiers of a tenant's model API keys, one per key name. */
    public static final String API_KEYS_SECRET = "nova-model-api-keys";

    /** KV path of a credential the platform generated for a tenant's tool, by the Kubernetes Secret's name. */
    public static String credentialPath(String tenant, String secret) {
        return tenantPath(tenant) + "/credentials/" + secret;
    }

    /** The KV v2 API path of {@link #credentialPath}, as a secret store's remote reference names it. */
    public static String credentialApiPath(String tenant, String secret) {
        return KV_MOUNT + "/data/" + credentialPath(tenant, secret);
    }

    /**
     * The ServiceAccount in each tenant namespace that the namespace's secret store (External Secrets Operator's
     * SecretStore) logs in to Vault as.
     */
    public static final String SECRET_STORE_SERVICE_ACCOUNT = "nova-secret-store";

    /**
     * The Kubernetes auth role of a tenant's secret store, {@code nova-<tenant>._secret-store}: a module key is a DNS
     * label and never holds '_', so no tool's role can have this name.
     */
    public static String secretStoreRole(String tenant) {
        return kubernetesRolePrefix(tenant) + "_secret-store";
    }

    /** The ACL policy of a tenant's secret store: read the tenant's generated credentials and OIDC clients. */
    public static String secretStorePolicy(String tenant) {
        return toolPolicyPrefix(tenant) + "_secret-store";
    }

    /**
     * A tenant tool's OIDC client, {@code nova-<tenant>.<module>}: named like its role and policy, so that the
     * platform's Vault policy can be limited to the clients whose names start with {@code nova-}.
     */
    public static String clientName(String tenant, String module) {
        return clientPrefix(tenant) + module;
    }

    /** The names of a tenant's OIDC clients start with this and no other tenant's do. */
    public static String clientPrefix(String tenant) {
        return "nova-" + tenant + TOOL_SEPARATOR;
    }

    public static String assignmentName(String tenant) {
        return "nova-" + tenant;
    }

    /*
     * Per-tool access. A tenant slug and a module key are Kubernetes names (lower-case letters, digits and '-'), so
     * "nova-<tenant>-<module>" would be ambiguous: tenant "team" with module "a-b" and tenant "team-a" with module "b"
     * would share one role. The tenant and the module are therefore joined with '.', which neither can contain and
     * which Vault allows in role and policy names: "nova-team.a-b" and "nova-team-a.b" differ, and the roles of one
     * tenant are exactly the names that start with "nova-<tenant>.".
     */

    /** Joins tenant and module in the per-tool role and policy names; never part of a slug or module key. */
    public static final String TOOL_SEPARATOR = ".";

    /**
     * The ACL policy of one tool of a tenant, {@code nova-tenant-<tenant>.<module>}: read the tool's OIDC secret
     * and nothing else.
     */
    public static String toolPolicy(String tenant, String module) {
        return toolPolicyPrefix(tenant) + module;
    }

    /** What the names of all tool policies of a tenant, and of no other tenant, start with. */
    public static String toolPolicyPrefix(String tenant) {
        return "nova-tenant-" + tenant + TOOL_SEPARATOR;
    }

    /**
     * The Kubernetes auth role of one tool of a tenant, {@code nova-<tenant>.<module>}: bound to the tool's service
     * accounts in the tenant's namespace, with the tool's policy only. Rendered pods log in with this role.
     */
    public static String kubernetesRole(String tenant, String module) {
        return kubernetesRolePrefix(tenant) + module;
    }

    /** What the names of all Kubernetes auth roles of a tenant, and of no other tenant, start with. */
    public static String kubernetesRolePrefix(String tenant) {
        return "nova-" + tenant + TOOL_SEPARATOR;
    }

    /**
     * The tenant-wide ACL policy of earlier versions (read every secret of the tenant); provisioning deletes it.
     */
    public static String legacyTenantPolicy(String tenant) {
        return "nova-tenant-" + tenant;
    }

    /**
     * The Kubernetes auth role of earlier versions, bound to every service account of the tenant's namespace;
     * provisioning deletes it.
     */
    public static String legacyKubernetesRole(String tenant) {
        return "nova-" + tenant;
    }

    /*
     * The cluster components' own web UIs. Their role, policy, client and assignment names start with
     * "nova-cluster_": inside the "nova-" names the platform's own token may manage, and, as a tenant slug never holds
     * '_', matched by no tenant's prefix ("nova-<tenant>.", "nova-tenant-<tenant>.", "<tenant>-"), so a tenant's
     * clean-up never touches them.
     */

    /** KV path of everything of a cluster's own components. */
    public static String clusterPath(String cluster) {
        return "clusters/" + cluster;
    }

    /** KV path of a cluster component's OIDC client credentials. */
    public static String clusterOidcSecretPath(String cluster, String module) {
        return clusterPath(cluster) + "/oidc/" + module;
    }

    /** What every Vault object of a cluster's components is named after: {@code nova-cluster_<cluster>}. */
    public static String clusterToolsName(String cluster) {
        return "nova-cluster_" + cluster;
    }

    /**
     * The OIDC client, ACL policy and Kubernetes auth role of one cluster component's UI, {@code nova-cluster_<cluster>.<module>}:
     * the role is bound only to the secret store's service account in the component's namespace and gets the policy,
     * which reads that client's KV secret only.
     */
    public static String clusterToolName(String cluster, String module) {
        return clusterToolsName(cluster) + TOOL_SEPARATOR + module;
    }
}
