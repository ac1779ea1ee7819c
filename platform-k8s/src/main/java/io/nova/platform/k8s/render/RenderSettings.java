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
 * @param routes               how browsers reach the tools' web UIs (Ingress, Gateway API HTTPRoute or none)
 */
public record RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer,
                             String vaultAddress, String kubernetesAuthMount, TenantIsolationSettings isolation,
                             RouteSettings routes) {

    public RenderSettings {
        isolation = isolation == null ? TenantIsolationSettings.defaults() : isolation;
        routes = routes == null ? RouteSettings.defaults() : routes;
    }

    /** Settings with the default routes. */
    public RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer, String vaultAddress,
                          String kubernetesAuthMount, TenantIsolationSettings isolation) {
        this(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount, isolation, null);
    }

    /** Settings with the default tenant isolation and routes. */
    public RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer, String vaultAddress,
                          String kubernetesAuthMount) {
        this(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount, null, null);
    }

    public static RenderSettings defaults() {
        return new RenderSettings("flux-system", "gpu-operator", null, "https://vault.vault.svc:8200", "kubernetes");
    }

    public RenderSettings withOidc(String issuer, String vaultAddress) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, issuer,
                vaultAddress == null ? this.vaultAddress : vaultAddress, kubernetesAuthMount, isolation, routes);
    }

    public RenderSettings withIsolation(TenantIsolationSettings isolation) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes);
    }

    public RenderSettings withRoutes(RouteSettings routes) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes);
    }
}
