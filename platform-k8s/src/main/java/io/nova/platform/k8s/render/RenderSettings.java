package io.nova.platform.k8s.render;

/**
 * Settings of the rendering that do not come from the desired state.
 *
 * @param fluxNamespace        where Flux runs and where cluster modules' releases and sources live
 * @param gpuOperatorNamespace where the GPU Operator and its sharing ConfigMaps live
 * @param oidcIssuer           the OIDC issuer the tools' logins point at (StarVault's provider); null leaves OIDC off
 * @param kvMount              the Vault KV v2 mount of tenant secrets, referenced by the secret placeholders
 */
public record RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer, String kvMount) {

    public static RenderSettings defaults() {
        return new RenderSettings("flux-system", "gpu-operator", null, "nova");
    }
}
