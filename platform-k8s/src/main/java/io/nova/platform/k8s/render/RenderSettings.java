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
 * @param isolation            how tenant namespaces are fenced in (network peers, Pod Security, object counts)
 */
public record RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer,
                             String vaultAddress, String kubernetesAuthMount, TenantIsolationSettings isolation) {

    public RenderSettings {
        isolation = isolation == null ? TenantIsolationSettings.defaults() : isolation;
    }

    /** Settings with the default tenant isolation. */
    public RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer, String vaultAddress,
                          String kubernetesAuthMount) {
        this(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount, null);
    }

    public static RenderSettings defaults() {
        return new RenderSettings("flux-system", "gpu-operator", null, "https://vault.vault.svc:8200", "kubernetes");
    }

    public RenderSettings withOidc(String issuer, String vaultAddress) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, issuer,
                vaultAddress == null ? this.vaultAddress : vaultAddress, kubernetesAuthMount, isolation);
    }

    public RenderSettings withIsolation(TenantIsolationSettings isolation) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation);
    }
}
