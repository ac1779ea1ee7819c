package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.nova.platform.core.cluster.GitOpsTarget;
import io.nova.platform.core.identity.ClusterToolClient;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.integration.CredentialKey;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.module.integration.SignOn;
import io.nova.platform.core.module.integration.SignOnMethod;
import io.nova.platform.k8s.render.tool.TemplatedSecret;
import io.nova.platform.k8s.render.tool.ToolContext;
import io.nova.platform.k8s.render.tool.Tools;

/**
 * The Kubernetes Secrets a tenant's tools read, synced from StarVault by the External Secrets Operator: one
 * SecretStore per tenant namespace that logs in to Vault as {@value VaultNames#SECRET_STORE_SERVICE_ACCOUNT} (Vault's
 * Kubernetes auth role {@link VaultNames#secretStoreRole} may read only the tenant's credentials and OIDC clients),
 * and one ExternalSecret per Secret, under exactly the name and keys the tool's chart reads:
 * <ul>
 *   <li>each generated credential of an enabled tool ({@code minio-root-credentials}, ...);</li>
 *   <li>{@code nova-oidc-<module>} with {@value ToolContext#CLIENT_ID_KEY} and {@value ToolContext#CLIENT_SECRET_KEY}
 *   for each tool users log in to, plus {@value ToolContext#COOKIE_SECRET_KEY} for a tool behind oauth2-proxy.</li>
 * </ul>
 * The web UIs of the cluster's own components get the same in their release namespaces ({@link #renderClusterTools}).
 * Only references are rendered: the values never leave Vault except into the cluster's Secrets. Without Vault nothing
 * is rendered here (a GitOps repository must never hold a plain Secret); the tools' status says what to configure.
 */
final class ToolSecretsRenderer {

    static final String API_VERSION = "external-secrets.io/v1";
    /** The SecretStore's name in every tenant namespace. */
    static final String STORE = "nova";
    /** How often the operator reads Vault again: a rotated credential reaches the cluster within this. */
    static final String REFRESH_INTERVAL = "15m";
    static final String API_KEYS_REFRESH_INTERVAL = "1m";

    private final RenderSettings settings;

    ToolSecretsRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    /** Whether the platform's Vault delivers the tools' Secrets (otherwise nothing is rendered). */
    boolean delivers() {
        return settings.vaultSecrets();
    }

    /** @param apiKeys also the verifiers of the tenant's model API keys, for its model gateway */
    List<HasMetadata> render(String cluster, String tenant, String namespace, List<ModuleSnapshot> modules,
                             boolean apiKeys) {
        if (!delivers()) {
            return List.of();
        }
        List<ModuleSnapshot> enabled = modules.stream().filter(ModuleSnapshot::enabled).toList();
        var objects = new ArrayList<HasMetadata>();
        if (apiKeys) {
            objects.add(apiKeyVerifiers(tenant, namespace, Labels.tenant(cluster, tenant)));
        }
        for (ModuleSnapshot install : enabled) {
            var labels = Labels.module(cluster, tenant, install.module().key());
            for (GeneratedCredential credential : install.module().generatedCredentials()) {
                var data = credential.keys().stream().map(key -> entry(key.key(),
                        VaultNames.credentialPath(tenant, credential.secret()), key.key())).toList();
                objects.add(externalSecret(namespace, credential.secret(), labels, data));
            }
            if (signsOn(install)) {
                objects.add(oidcSecret(tenant, namespace, install, labels));
            }
        }
        if (objects.isEmpty()) {
            return List.of();
        }
        var labels = Labels.tenant(cluster, tenant);
        objects.add(serviceAccount(namespace, labels));
        objects.add(store(VaultNames.secretStoreRole(tenant), namespace, labels));
        return objects;
    }

    /**
     * Every verifier the tenant's API keys have in Vault, one Secret key per API key name; read again every minute,
     * so that a revoked key leaves the gateway within about two (the refresh, then the kubelet's volume update).
     */
    private static HasMetadata apiKeyVerifiers(String tenant, String namespace, Map<String, String> labels) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("refreshInterval", API_KEYS_REFRESH_INTERVAL);
        spec.put("secretStoreRef", Map.of("name", STORE, "kind", "SecretStore"));
        spec.put("target", Map.of("name", VaultNames.API_KEYS_SECRET, "creationPolicy", "Owner",
                "deletionPolicy", "Delete"));
        spec.put("dataFrom", List.of(Map.of("extract", Map.of("key",
                VaultNames.credentialPath(tenant, VaultNames.API_KEYS_SECRET)))));
        return GenericObjects.of(API_VERSION, "ExternalSecret", namespace, VaultNames.API_KEYS_SECRET, labels, spec);
    }

    private static HasMetadata serviceAccount(String namespace, Map<String, String> labels) {
        return new ServiceAccountBuilder().withNewMetadata().withName(VaultNames.SECRET_STORE_SERVICE_ACCOUNT)
                .withNamespace(namespace).withLabels(labels).endMetadata().withAutomountServiceAccountToken(false)
                .build();
    }

    /**
     * For each cluster component whose web UI users log in to through the provider, in its release namespace: the
     * secret store (its role {@link VaultNames#clusterToolName} reads that component's client only) and the
     * {@code nova-oidc-<module>} Secret.
     */
    List<HasMetadata> renderClusterTools(String cluster, List<ModuleSnapshot> clusterModules) {
        if (!delivers()) {
            return List.of();
        }
        var objects = new ArrayList<HasMetadata>();
        for (ModuleSnapshot install : clusterModules) {
            if (install.tenant() != null || !install.enabled() || !install.module().hasChart() || !signsOn(install)) {
                continue;
            }
            String module = install.module().key();
            String namespace = install.module().releaseNamespace();
            var labels = Labels.module(cluster, null, module);
            String client = VaultNames.clusterOidcSecretPath(cluster, module);
            objects.add(externalSecret(namespace, ToolContext.oidcSecret(module), labels, List.of(
                    entry(ToolContext.CLIENT_ID_KEY, client, VaultNames.CLIENT_ID_KEY),
                    entry(ToolContext.CLIENT_SECRET_KEY, client, VaultNames.CLIENT_SECRET_KEY))));
            var context = new ToolContext(namespace, install, clusterModules, null, settings.signOnEndpoints(),
                    settings.platformGroups());
            for (TemplatedSecret file : Tools.templatedSecrets(context)) {
                objects.add(templatedSecret(namespace, file, labels, client));
            }
            objects.add(serviceAccount(namespace, labels));
            objects.add(store(VaultNames.clusterToolName(cluster, module), namespace, labels));
        }
        return objects;
    }

    /**
     * For a private GitOps repository whose credentials are in Vault: in Flux's namespace, the secret store (its role
     * {@code nova-cluster_<cluster>.gitops} reads that one path) and the ExternalSecret that keeps the GitRepository's
     * Secret {@value FluxBootstrapRenderer#GIT_READ_SECRET} equal to it, with every key Vault holds there (Flux's
     * {@code username}/{@code password} or {@code identity}/{@code known_hosts}).
     */
    List<HasMetadata> renderGitCredentials(String cluster, GitOpsTarget gitops) {
        if (!delivers() || gitops == null || gitops.credentialsRef() == null) {
            return List.of();
        }
        String namespace = settings.fluxNamespace();
        var labels = Labels.owned(cluster);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("refreshInterval", REFRESH_INTERVAL);
        spec.put("secretStoreRef", Map.of("name", STORE, "kind", "SecretStore"));
        spec.put("target", Map.of("name", FluxBootstrapRenderer.GIT_READ_SECRET, "creationPolicy", "Owner",
                "deletionPolicy", "Retain"));
        spec.put("dataFrom", List.of(Map.of("extract", Map.of("key", gitops.credentialsRef()))));
        return List.of(GenericObjects.of(API_VERSION, "ExternalSecret", namespace,
                        FluxBootstrapRenderer.GIT_READ_SECRET, labels, spec),
                serviceAccount(namespace, labels),
                store(VaultNames.clusterToolName(cluster, ClusterToolClient.GITOPS), namespace, labels));
    }

    private boolean signsOn(ModuleSnapshot install) {
        return settings.oidcIssuer() != null && install.uiUrl() != null
                && install.module().integration().signOn().needsClient();
    }

    private HasMetadata oidcSecret(String tenant, String namespace, ModuleSnapshot install, Map<String, String> labels) {
        String module = install.module().key();
        String client = VaultNames.oidcSecretPath(tenant, module);
        var data = new ArrayList<Map<String, Object>>();
        data.add(entry(ToolContext.CLIENT_ID_KEY, client, VaultNames.CLIENT_ID_KEY));
        data.add(entry(ToolContext.CLIENT_SECRET_KEY, client, VaultNames.CLIENT_SECRET_KEY));
        if (install.module().integration().signOn().method() == SignOnMethod.OAUTH2_PROXY) {
            GeneratedCredential cookie = SignOn.proxyCookieSecret(module);
            CredentialKey key = cookie.keys().getFirst();
            data.add(entry(ToolContext.COOKIE_SECRET_KEY, VaultNames.credentialPath(tenant, cookie.secret()),
                    key.key()));
        }
        return externalSecret(namespace, ToolContext.oidcSecret(module), labels, data);
    }

    private HasMetadata externalSecret(String namespace, String secret, Map<String, String> labels,
                                       List<Map<String, Object>> data) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("refreshInterval", REFRESH_INTERVAL);
        spec.put("secretStoreRef", Map.of("name", STORE, "kind", "SecretStore"));
        spec.put("target", Map.of("name", secret, "creationPolicy", "Owner", "deletionPolicy", "Retain"));
        spec.put("data", data);
        return GenericObjects.of(API_VERSION, "ExternalSecret", namespace, secret, labels, spec);
    }

    /** The client's id and secret as the template's {@code .client_id} and {@code .client_secret}, never kept apart. */
    private HasMetadata templatedSecret(String namespace, TemplatedSecret file, Map<String, String> labels,
                                        String client) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("refreshInterval", REFRESH_INTERVAL);
        spec.put("secretStoreRef", Map.of("name", STORE, "kind", "SecretStore"));
        spec.put("target", Map.of("name", file.name(), "creationPolicy", "Owner", "deletionPolicy", "Retain",
                "template", Map.of("engineVersion", "v2", "data", file.data())));
        spec.put("data", List.of(entry(VaultNames.CLIENT_ID_KEY, client, VaultNames.CLIENT_ID_KEY),
                entry(VaultNames.CLIENT_SECRET_KEY, client, VaultNames.CLIENT_SECRET_KEY)));
        return GenericObjects.of(API_VERSION, "ExternalSecret", namespace, file.name(), labels, spec);
    }

    private static Map<String, Object> entry(String secretKey, String path, String property) {
        return Map.of("secretKey", secretKey, "remoteRef", Map.of("key", path, "property", property));
    }

    /** @param role the Vault Kubernetes auth role the store logs in with */
    private HasMetadata store(String role, String namespace, Map<String, String> labels) {
        var kubernetes = Map.of("mountPath", settings.kubernetesAuthMount(),
                "role", role,
                "serviceAccountRef", Map.of("name", VaultNames.SECRET_STORE_SERVICE_ACCOUNT));
        var vault = new LinkedHashMap<String, Object>();
        vault.put("server", settings.vaultAddress());
        vault.put("path", VaultNames.KV_MOUNT);
        vault.put("version", "v2");
        vault.put("auth", Map.of("kubernetes", kubernetes));
        return GenericObjects.of(API_VERSION, "SecretStore", namespace, STORE, labels,
                Map.of("provider", Map.of("vault", vault)));
    }
}
