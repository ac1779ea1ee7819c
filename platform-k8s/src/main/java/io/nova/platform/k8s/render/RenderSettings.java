package io.nova.platform.k8s.render;

import io.nova.platform.k8s.render.tool.PlatformGroups;
import io.nova.platform.k8s.render.tool.SignOnEndpoints;

/**
 * Settings of the rendering that do not come from the desired state.
 *
 * @param fluxNamespace        where Flux runs and where cluster modules' releases and sources live
 * @param gpuOperatorNamespace where the GPU Operator and its sharing ConfigMaps live
 * @param oidcIssuer           the OIDC issuer the tools' logins point at (StarVault's provider); null leaves single
 *                             sign-on, and so the secret references it needs, out
 * @param vaultAddress         the Vault address the tenants' secret stores talk to
 * @param kubernetesAuthMount  the Vault auth mount of the cluster's service accounts
 * @param isolation            how tenant namespaces are fenced in (network peers, Pod Security, object counts)
 * @param routes               how browsers reach the tools' web UIs (Ingress, Gateway API HTTPRoute or none)
 * @param vaultSecrets         whether the platform's Vault holds the tools' OIDC clients and generated credentials, so
 *                             that the tenants' secret stores can deliver them
 * @param oidcAuthorizeUrl     the browser's authorization endpoint when it is not where a Vault-compatible provider
 *                             has it ({@code /ui/identity/oidc/provider/<name>/authorize}); null derives it
 * @param platformGroups       the platform's admin and viewer groups, who log in to the cluster's own web UIs
 * @param gitServeUrl          where clusters' Flux reaches the platform to read the repositories it keeps on its own
 *                             disk ({@code <gitServeUrl>/git/<cluster>})
 * @param agent                the agent GitOps clusters run
 */
public record RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer,
                             String vaultAddress, String kubernetesAuthMount, TenantIsolationSettings isolation,
                             RouteSettings routes, boolean vaultSecrets, String oidcAuthorizeUrl,
                             PlatformGroups platformGroups, String gitServeUrl, AgentDeployment agent) {

    public static final String DEFAULT_GIT_SERVE_URL = "http://host.docker.internal:8080";

    public RenderSettings {
        isolation = isolation == null ? TenantIsolationSettings.defaults() : isolation;
        routes = routes == null ? RouteSettings.defaults() : routes;
        platformGroups = platformGroups == null ? PlatformGroups.defaults() : platformGroups;
        gitServeUrl = gitServeUrl == null || gitServeUrl.isBlank() ? DEFAULT_GIT_SERVE_URL
                : gitServeUrl.strip().replaceAll("/+$", "");
        agent = agent == null ? AgentDeployment.defaults() : agent;
    }

    /** Settings with the default routes; Vault holds the tools' secrets when there is an issuer. */
    public RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer, String vaultAddress,
                          String kubernetesAuthMount, TenantIsolationSettings isolation) {
        this(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount, isolation, null,
                oidcIssuer != null, null, null, null, null);
    }

    /** Settings with the default tenant isolation and routes; Vault holds the tools' secrets with an issuer. */
    public RenderSettings(String fluxNamespace, String gpuOperatorNamespace, String oidcIssuer, String vaultAddress,
                          String kubernetesAuthMount) {
        this(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount, null);
    }

    public static RenderSettings defaults() {
        return new RenderSettings("flux-system", "gpu-operator", null, "https://vault.vault.svc:8200", "kubernetes");
    }

    /** Single sign-on through {@code issuer}, whose clients and credentials the platform's Vault holds. */
    public RenderSettings withOidc(String issuer, String vaultAddress) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, issuer,
                vaultAddress == null ? this.vaultAddress : vaultAddress, kubernetesAuthMount, isolation, routes,
                issuer != null || vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withIsolation(TenantIsolationSettings isolation) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withPlatformGroups(PlatformGroups platformGroups) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withAgent(AgentDeployment agent) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withGitServeUrl(String gitServeUrl) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withRoutes(RouteSettings routes) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withVaultSecrets(boolean vaultSecrets) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, oidcAuthorizeUrl, platformGroups, gitServeUrl, agent);
    }

    public RenderSettings withOidcAuthorizeUrl(String authorizeUrl) {
        return new RenderSettings(fluxNamespace, gpuOperatorNamespace, oidcIssuer, vaultAddress, kubernetesAuthMount,
                isolation, routes, vaultSecrets, authorizeUrl == null || authorizeUrl.isBlank() ? null : authorizeUrl,
                platformGroups, gitServeUrl, agent);
    }

    /** The provider's endpoints the tools' logins use; null without single sign-on. */
    public SignOnEndpoints signOnEndpoints() {
        return oidcIssuer == null ? null : new SignOnEndpoints(oidcIssuer, oidcAuthorizeUrl);
    }
}
