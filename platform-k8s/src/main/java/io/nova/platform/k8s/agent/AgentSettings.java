package io.nova.platform.k8s.agent;

import java.util.List;
import java.util.Map;

import io.nova.platform.k8s.operator.OperatorSettings;
import io.nova.platform.k8s.render.RenderSettings;
import io.nova.platform.k8s.render.tool.PlatformGroups;

/**
 * How the in-cluster agent runs, from its environment (the platform renders the agent's Deployment with these
 * variables, so that the agent expands MLClusters exactly as the platform renders them).
 *
 * @param cluster    the cluster's name in the platform ({@value #CLUSTER})
 * @param namespace  the agent's own namespace, where its leader lease lives ({@value #NAMESPACE})
 * @param identity   this replica's name in the lease ({@value #IDENTITY}, the pod's name)
 * @param healthPort where {@code /healthz} answers ({@value #HEALTH_PORT})
 * @param operators  the operators' settings: render settings and ingress domain from the platform
 */
public record AgentSettings(String cluster, String namespace, String identity, int healthPort,
                            OperatorSettings operators) {

    public static final String CLUSTER = "NOVA_AGENT_CLUSTER";
    public static final String NAMESPACE = "NOVA_AGENT_NAMESPACE";
    public static final String IDENTITY = "NOVA_AGENT_IDENTITY";
    public static final String HEALTH_PORT = "NOVA_AGENT_HEALTH_PORT";
    public static final String INGRESS_DOMAIN = "NOVA_INGRESS_DOMAIN";
    public static final String OIDC_ISSUER = "NOVA_OIDC_ISSUER";
    public static final String OIDC_AUTHORIZE_URL = "NOVA_OIDC_AUTHORIZE_URL";
    public static final String VAULT_ADDRESS = "NOVA_VAULT_ADDRESS";
    public static final String VAULT_SECRETS = "NOVA_VAULT_SECRETS";
    public static final String ADMIN_GROUPS = "NOVA_ADMIN_GROUPS";
    public static final String VIEWER_GROUPS = "NOVA_VIEWER_GROUPS";
    public static final int DEFAULT_HEALTH_PORT = 8081;

    public AgentSettings {
        if (cluster == null || !cluster.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException(CLUSTER + " must name the cluster (a DNS label), was " + cluster);
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException(NAMESPACE + " must name the agent's namespace");
        }
    }

    /** Reads the settings; throws with the variable's name when one is missing or wrong. */
    public static AgentSettings from(Map<String, String> environment) {
        RenderSettings render = RenderSettings.defaults()
                .withOidc(blankToNull(environment.get(OIDC_ISSUER)), blankToNull(environment.get(VAULT_ADDRESS)))
                .withVaultSecrets(Boolean.parseBoolean(environment.getOrDefault(VAULT_SECRETS, "false")))
                .withOidcAuthorizeUrl(environment.get(OIDC_AUTHORIZE_URL))
                .withPlatformGroups(new PlatformGroups(groups(environment.get(ADMIN_GROUPS), "platform-admins"),
                        groups(environment.get(VIEWER_GROUPS), "platform-viewers")));
        String identity = environment.getOrDefault(IDENTITY, environment.getOrDefault("HOSTNAME", "nova-agent"));
        int port;
        try {
            port = Integer.parseInt(environment.getOrDefault(HEALTH_PORT, String.valueOf(DEFAULT_HEALTH_PORT)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HEALTH_PORT + " must be a port number", e);
        }
        return new AgentSettings(environment.get(CLUSTER), environment.getOrDefault(NAMESPACE, "nova-system"),
                identity, port, OperatorSettings.defaults().withRender(render, environment.get(INGRESS_DOMAIN)));
    }

    private static List<String> groups(String value, String fallback) {
        if (value == null || value.isBlank()) {
            return List.of(fallback);
        }
        return List.of(value.split(",")).stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
