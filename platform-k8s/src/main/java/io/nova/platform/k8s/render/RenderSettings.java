package io.nova.platform.k8s.render;

/**
 * Settings of the rendering that do not come from the desired state.
 *
 * @param fluxNamespace        where Flux runs and where cluster modules' releases and sources live
 * @param gpuOperatorNamespace where the GPU Operator and its sharing ConfigMaps live
 * @param oidcIssuer           the OIDC issuer the tools' logins point at (StarVault's provider); null leaves single
 *                             sign-on, and so the secret references it needs, out
 * @param vaultAddress         the Vault address pods' agents, CSI provider or webhook talk to
 * @param kubernetesAuthMount  the Vault auth mount of the cluster's service accounts
 */
public record RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer,
                             String vaultAddress, String kubernetesAuthMount) {

    public static RenderSettings defaults() {
        return new RenderSettings("flux-system", "gpu-operator", null, "https://vault.vault.svc:8200", "kubernetes");
    }

    public RenderSettings withOidc(String issuer, String vaultAddress) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, issuer,
                vaultAddress == null ? this.vaultAddress : vaultAddress, kubernetesAuthMount);
    }
}
