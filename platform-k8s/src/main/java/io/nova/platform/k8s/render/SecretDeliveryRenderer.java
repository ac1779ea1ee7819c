package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.SecretDelivery;

/**
 * How a tool's OIDC client credentials travel from Vault into its pods, per install, carrying only references:
 * <ul>
 *   <li>{@code CSI}: a SecretProviderClass that the Vault CSI provider resolves and syncs into the Kubernetes Secret
 *   {@code nova-oidc-<module>} (keys named after the tool's environment variables), mounted by the tool's pod;</li>
 *   <li>{@code VAULT_AGENT}: Vault Agent injector annotations that render the credentials to
 *   {@code /vault/secrets/oidc} as {@code export NAME=value} lines;</li>
 *   <li>{@code WEBHOOK}: Bank-Vaults webhook annotations and {@code vault:<path>#<key>} environment values that the
 *   webhook replaces in the container's environment at start.</li>
 * </ul>
 * Only tools whose chart exposes pod annotations, environment and volumes are wired (see {@link ChartHooks}).
 */
final class SecretDeliveryRenderer {

    static final String SECRET_PROVIDER_CLASS_API = "secrets-store.csi.x-k8s.io/v1";

    /** Where a chart takes pod annotations, environment variables (map form), env-from Secrets and volumes. */
    record ChartHooks(String podAnnotations, String env, String envFromSecrets, String volumes, String volumeMounts,
                      String clientIdVariable, String clientSecretVariable) {
    }

    static final Map<String, ChartHooks> CHARTS = Map.of(
            "jupyterhub", new ChartHooks("hub.annotations", "hub.extraEnv", null, "hub.extraVolumes",
                    "hub.extraVolumeMounts", "OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET"),
            "mlflow", new ChartHooks("podAnnotations", "extraEnvVars", "extraSecretNamesForEnvFrom", "extraVolumes",
                    "extraVolumeMounts", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"));

    record Delivery(List<HasMetadata> objects, Map<String, Object> values) {
    }

    private final RenderSettings settings;

    SecretDeliveryRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    static String secretName(ModuleSnapshot install) {
        return "nova-oidc-" + install.module().key();
    }

    Delivery render(String cluster, String namespace, ModuleSnapshot install) {
        ChartHooks hooks = CHARTS.get(install.module().key());
        if (settings.oidcIssuer() == null || install.tenant() == null || !install.module().webUi() || hooks == null) {
            return new Delivery(List.of(), Map.of());
        }
        SecretDelivery mode = install.secretDelivery() == null ? SecretDelivery.VAULT_AGENT : install.secretDelivery();
        return switch (mode) {
            case CSI -> csi(cluster, namespace, install, hooks);
            case VAULT_AGENT -> new Delivery(List.of(), agent(install, hooks));
            case WEBHOOK -> new Delivery(List.of(), webhook(install, hooks));
        };
    }

    private Delivery csi(String cluster, String namespace, ModuleSnapshot install, ChartHooks hooks) {
        String path = VaultNames.oidcSecretApiPath(install.tenant(), install.module().key());
        String objects = """
                - objectName: "%s"
                  secretPath: "%s"
                  secretKey: "%s"
                - objectName: "%s"
                  secretPath: "%s"
                  secretKey: "%s"
                """.formatted(hooks.clientIdVariable(), path, VaultNames.CLIENT_ID_KEY,
                hooks.clientSecretVariable(), path, VaultNames.CLIENT_SECRET_KEY);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("provider", "vault");
        spec.put("parameters", Map.of("vaultAddress", settings.vaultAddress(),
                "vaultKubernetesMountPath", settings.kubernetesAuthMount(),
                "roleName", VaultNames.kubernetesRole(install.tenant(), install.module().key()), "objects", objects));
        spec.put("secretObjects", List.of(Map.of("secretName", secretName(install), "type", "Opaque",
                "data", List.of(Map.of("objectName", hooks.clientIdVariable(), "key", hooks.clientIdVariable()),
                        Map.of("objectName", hooks.clientSecretVariable(), "key", hooks.clientSecretVariable())))));
        HasMetadata providerClass = GenericObjects.of(SECRET_PROVIDER_CLASS_API, "SecretProviderClass", namespace,
                secretName(install), Labels.module(cluster, install.tenant(), install.module().key()), spec);

        Map<String, Object> volume = Map.of("name", "nova-oidc", "csi", Map.of("driver", "secrets-store.csi.k8s.io",
                "readOnly", true, "volumeAttributes", Map.of("secretProviderClass", secretName(install))));
        Map<String, Object> mount = Map.of("name", "nova-oidc", "mountPath", "/mnt/nova-oidc", "readOnly", true);
        Map<String, Object> values = Values.merge(Values.at(hooks.volumes(), List.of(volume)),
                Values.at(hooks.volumeMounts(), List.of(mount)));
        if (hooks.envFromSecrets() != null) {
            values = Values.merge(values, Values.at(hooks.envFromSecrets(), List.of(secretName(install))));
        } else {
            values = Values.merge(values, Values.at(hooks.env(), Map.of(
                    hooks.clientIdVariable(), secretKeyRef(install, hooks.clientIdVariable()),
                    hooks.clientSecretVariable(), secretKeyRef(install, hooks.clientSecretVariable()))));
        }
        return new Delivery(List.of(providerClass), values);
    }

    private static Map<String, Object> secretKeyRef(ModuleSnapshot install, String key) {
        return Map.of("valueFrom", Map.of("secretKeyRef", Map.of("name", secretName(install), "key", key)));
    }

    private Map<String, Object> agent(ModuleSnapshot install, ChartHooks hooks) {
        String path = VaultNames.oidcSecretApiPath(install.tenant(), install.module().key());
        String template = "{{- with secret \"%s\" -}}\nexport %s=\"{{ .Data.data.%s }}\"\nexport %s=\"{{ .Data.data.%s }}\"\n{{- end }}"
                .formatted(path, hooks.clientIdVariable(), VaultNames.CLIENT_ID_KEY, hooks.clientSecretVariable(),
                        VaultNames.CLIENT_SECRET_KEY);
        var annotations = new LinkedHashMap<String, Object>();
        annotations.put("vault.hashicorp.com/agent-inject", "true");
        annotations.put("vault.hashicorp.com/role",
                VaultNames.kubernetesRole(install.tenant(), install.module().key()));
        annotations.put("vault.hashicorp.com/auth-path", "auth/" + settings.kubernetesAuthMount());
        annotations.put("vault.hashicorp.com/agent-inject-secret-oidc", path);
        annotations.put("vault.hashicorp.com/agent-inject-template-oidc", template);
        return Values.at(hooks.podAnnotations(), annotations);
    }

    private Map<String, Object> webhook(ModuleSnapshot install, ChartHooks hooks) {
        String path = VaultNames.oidcSecretApiPath(install.tenant(), install.module().key());
        var annotations = new LinkedHashMap<String, Object>();
        annotations.put("vault.security.banzaicloud.io/vault-addr", settings.vaultAddress());
        annotations.put("vault.security.banzaicloud.io/vault-role",
                VaultNames.kubernetesRole(install.tenant(), install.module().key()));
        annotations.put("vault.security.banzaicloud.io/vault-path", settings.kubernetesAuthMount());
        return Values.merge(Values.at(hooks.podAnnotations(), annotations), Values.at(hooks.env(), Map.of(
                hooks.clientIdVariable(), "vault:%s#%s".formatted(path, VaultNames.CLIENT_ID_KEY),
                hooks.clientSecretVariable(), "vault:%s#%s".formatted(path, VaultNames.CLIENT_SECRET_KEY))));
    }
}
