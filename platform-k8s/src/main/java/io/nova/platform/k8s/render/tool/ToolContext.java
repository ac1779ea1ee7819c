package io.nova.platform.k8s.render.tool;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.integration.GeneratedCredential;

/**
 * What a tool's values are made from: the install, its peers in the same namespace, its tenant, and whether the
 * platform's sign-on and generated credentials reach it.
 *
 * @param namespace      where the release's objects live
 * @param install        the install being rendered
 * @param peers          every install of the same tenant (or every cluster module), the install among them
 * @param tenant         the tenant; null for a cluster module
 * @param signOn         the OIDC provider when users log in through it, and its clients' credentials are delivered
 *                       as {@link #oidcSecret()}; null otherwise
 * @param platform       the platform's admin and viewer groups, who log in to a cluster module's web UI
 */
public record ToolContext(String namespace, ModuleSnapshot install, List<ModuleSnapshot> peers, ToolTenant tenant,
                          SignOnEndpoints signOn, PlatformGroups platform) {

    /** Keys of the {@link #oidcSecret()}: the tool's OIDC client. */
    public static final String CLIENT_ID_KEY = "client-id";
    public static final String CLIENT_SECRET_KEY = "client-secret";
    /** Key of the oauth2-proxy cookie secret in the {@link #oidcSecret()} of a tool behind oauth2-proxy. */
    public static final String COOKIE_SECRET_KEY = "cookie-secret";

    public ToolContext {
        peers = List.copyOf(peers);
    }

    /** An environment variable's {@code valueFrom} that reads one key of a Secret. */
    public static Map<String, Object> secretKeyRef(String secret, String key) {
        return Map.of("valueFrom", Map.of("secretKeyRef", Map.of("name", secret, "key", key)));
    }

    /** The name of the Secret that holds a tool's OIDC client id and secret. */
    public static String oidcSecret(String module) {
        return "nova-oidc-" + module;
    }

    public String module() {
        return install.module().key();
    }

    public String oidcSecret() {
        return oidcSecret(module());
    }

    /** Whether users log in to this tool through the platform's provider. */
    public boolean signsOn() {
        return signOn != null && install.uiUrl() != null && install.module().integration().signOn().needsClient();
    }

    /** The URI the provider sends the browser back to (the first of the tool's redirect paths). */
    public String redirectUri() {
        return install.module().integration().signOn().redirectUris(install.uiUrl()).getFirst();
    }

    /** Whether the tenant (or cluster) has {@code module} switched on. */
    public boolean enabled(String module) {
        return peers.stream().anyMatch(peer -> peer.enabled() && peer.module().key().equals(module));
    }

    /** The address of a Service in the namespace, from inside the cluster. */
    public String serviceUrl(String service, int port) {
        return "http://%s.%s.svc.cluster.local:%d".formatted(service, namespace, port);
    }

    /** A generated credential of the tool (or of a peer), by its Secret's name. */
    public Optional<GeneratedCredential> credential(String secret) {
        return peers.stream().flatMap(peer -> peer.module().generatedCredentials().stream())
                .filter(credential -> credential.secret().equals(secret)).findFirst();
    }
}
