package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * NeuVector (cluster component, neuvector-helm {@code core} chart), logging the platform's admins and viewers in
 * through the platform's provider. NeuVector takes its OpenID Connect settings, client secret included, only from an
 * init file ({@code /etc/config/oidcinitcfg.yaml}); its controller mounts the optional Secret
 * {@value #INIT_SECRET} there, so the secret store renders that file from the client in Vault
 * ({@link TemplatedSecret}) and no value carries the secret:
 * <ul>
 *   <li>the issuer (NeuVector reads the provider's discovery document and sends the browser to its authorize page),
 *   scopes {@code openid groups}, groups from the {@code groups} claim;</li>
 *   <li>the platform's admin groups get NeuVector's global {@code admin} role, its viewer groups {@code reader};
 *   anybody else gets no role and cannot log in;</li>
 *   <li>{@code always_reload}: the controller applies the file at every start, so a rotated client or changed groups
 *   take effect with its next restart, and changes made in NeuVector's own settings page do not outlive it.</li>
 * </ul>
 * The admin's own {@code controller.configmap}/{@code controller.secret} may not carry an {@code oidcinitcfg.yaml}
 * while single sign-on is on: two files of one name in the controller's projected volume stop its pods.
 */
final class NeuVectorValues implements ToolValues {

    /** The optional Secret the controller projects into {@code /etc/config} after the chart's own init files. */
    static final String INIT_SECRET = "neuvector-secret";
    static final String OIDC_FILE = "oidcinitcfg.yaml";
    static final String ADMIN_ROLE = "admin";
    static final String VIEWER_ROLE = "reader";

    @Override
    public String module() {
        return "neuvector";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        return Map.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> tenantValues(ToolContext context) {
        Map<String, Object> values = context.install().values();
        if (!context.signsOn() || !(values.get("controller") instanceof Map<?, ?> controller)) {
            return values;
        }
        var ownController = new LinkedHashMap<>((Map<String, Object>) controller);
        for (String source : List.of("configmap", "secret")) {
            if (ownController.get(source) instanceof Map<?, ?> files && files.get("data") instanceof Map<?, ?> data
                    && data.containsKey(OIDC_FILE)) {
                var kept = new LinkedHashMap<>((Map<String, Object>) data);
                kept.remove(OIDC_FILE);
                var withoutOidc = new LinkedHashMap<>((Map<String, Object>) files);
                withoutOidc.put("data", kept);
                ownController.put(source, withoutOidc);
            }
        }
        var filtered = new LinkedHashMap<>(values);
        filtered.put("controller", ownController);
        return filtered;
    }

    @Override
    public List<TemplatedSecret> templatedSecrets(ToolContext context) {
        if (!context.signsOn()) {
            return List.of();
        }
        PlatformGroups groups = context.platform();
        String mappings = groups.admins().stream().map(group -> mapping(group, ADMIN_ROLE))
                .collect(Collectors.joining());
        mappings += groups.viewers().stream().filter(group -> !groups.admins().contains(group))
                .map(group -> mapping(group, VIEWER_ROLE)).collect(Collectors.joining());
        String file = """
                always_reload: true
                enable: true
                issuer: %s
                client_id: {{ %s | toJson }}
                client_secret: {{ %s | toJson }}
                scopes: ["openid", "groups"]
                group_claim: groups
                default_role: ""
                group_mapped_roles:
                %s""".formatted(json(context.signOn().issuer()), TemplatedSecret.CLIENT_ID,
                TemplatedSecret.CLIENT_SECRET, mappings);
        return List.of(new TemplatedSecret(INIT_SECRET, Map.of(OIDC_FILE, file)));
    }

    private static String mapping(String group, String role) {
        return "  - group: %s%n    global_role: %s%n".formatted(json(group), role);
    }

    /** A YAML double-quoted scalar (JSON's string syntax), so that no group name can break the file. */
    private static String json(String value) {
        var quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append("\\u%04x".formatted((int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
