package io.nova.platform.k8s.render;

/**
 * Whether and how the platform's agent runs in GitOps clusters (rendered into each one's folder by
 * {@link AgentRenderer}).
 *
 * @param enabled       false leaves the agent out: nothing then labels GPU nodes or writes status in GitOps clusters
 * @param image         the platform's own image, which the agent runs in agent mode
 * @param ingressDomain the tools' base domain, with which the agent expands hand-written MLClusters
 */
public record AgentDeployment(boolean enabled, String image, String ingressDomain) {

    public static final String DEFAULT_IMAGE = "registry.example.com/nova/nova-platform:0.1.0";

    public AgentDeployment {
        image = image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
        ingressDomain = ingressDomain == null || ingressDomain.isBlank() ? "nova.localhost" : ingressDomain.strip();
    }

    public static AgentDeployment defaults() {
        return new AgentDeployment(true, null, null);
    }
}
