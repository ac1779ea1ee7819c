package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.integration.SignOnMethod;
import io.nova.platform.core.module.integration.ToolRoute;
import io.nova.platform.k8s.render.tool.SignOnEndpoints;
import io.nova.platform.k8s.render.tool.ToolContext;

/**
 * The oauth2-proxy in front of a tenant tool that cannot log people in through OIDC itself (catalog sign-on method
 * {@link SignOnMethod#OAUTH2_PROXY}, e.g. code-server): a second release {@code <module>-oauth2-proxy} of the
 * oauth2-proxy chart in the tenant's namespace, reconciled like the tool's own release
 * ({@link ModuleReleaseRenderer#reconcile}). It logs people in at the platform's provider with the tool's OIDC client
 * ({@code nova-oidc-<module>}: {@value ToolContext#CLIENT_ID_KEY}, {@value ToolContext#CLIENT_SECRET_KEY},
 * {@value ToolContext#COOKIE_SECRET_KEY}, the key names the chart reads from {@code config.existingSecret}), lets in
 * only the tenant's owner and member groups, and forwards them to the Service of the tool's catalog route. The tool's
 * route points at the proxy ({@link #backend}).
 *
 * <p>Discovery is skipped and the endpoints are given: the browser goes to the provider's UI authorize page
 * ({@link SignOnEndpoints#authorize()}, which the platform may be configured with), the proxy redeems codes and checks
 * tokens at the API. The provider's discovery document does name the UI page too, but fetching it makes the proxy's
 * start depend on Vault being reachable and could disagree with the platform's configured authorize URL.
 *
 * <p>The provider gives no {@code email} claim (its only extra scope is {@code groups}), so the opaque {@code sub}
 * identifies the user ({@code user_id_claim}) and every such id passes the e-mail check ({@code email_domains = *});
 * the groups decide. Sessions live in the cookie (no Redis); nothing cluster-scoped, no API token, restricted pods.
 */
final class OAuth2ProxyRenderer {

    static final String CHART_URL = "https://oauth2-proxy.github.io/manifests";
    static final String CHART = "oauth2-proxy";
    static final String VERSION = "10.7.0";
    /** The chart's Service port ({@code service.portNumber}). */
    static final int SERVICE_PORT = 80;
    /** The container port the Service targets ({@code http}): the one the ingress controller must reach. */
    static final int CONTAINER_PORT = 4180;
    /** An e-mail domain no {@code sub} has (RFC 2606): with no groups to admit, nobody gets in. */
    static final String NOBODY = "nobody.invalid";

    private final RenderSettings settings;

    OAuth2ProxyRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    /** The release, Service and ServiceAccount name of the proxy in front of {@code module}. */
    static String name(String module) {
        return module + "-" + CHART;
    }

    /** Whether the platform renders a proxy in front of this install. */
    boolean fronts(ModuleSnapshot install) {
        return install.enabled() && install.tenant() != null && install.module().hasChart()
                && install.module().integration().signOn().method() == SignOnMethod.OAUTH2_PROXY
                && install.uiUrl() != null && settings.vaultSecrets() && settings.signOnEndpoints() != null;
    }

    /**
     * Where the tool's route sends browsers: the proxy's Service for a tool behind one (the chart names the Service
     * after the release, which contains the chart's name), otherwise the tool's catalog route (null without one).
     */
    ToolRoute backend(ModuleSnapshot install) {
        return fronts(install) ? new ToolRoute(name(install.module().key()), SERVICE_PORT)
                : install.module().integration().route();
    }

    /** The proxy's HelmRepository and HelmRelease, labelled as the tool's; nothing when the tool has no proxy. */
    List<HasMetadata> render(ToolContext context, Map<String, String> labels) {
        if (!fronts(context.install())) {
            return List.of();
        }
        String name = name(context.module());
        var spec = new LinkedHashMap<String, Object>();
        spec.put("interval", "10m");
        spec.put("releaseName", name);
        spec.put("chart", Map.of("spec", Map.of("chart", CHART, "version", VERSION,
                "sourceRef", Map.of("kind", "HelmRepository", "name", name), "interval", "1h")));
        ModuleReleaseRenderer.reconcile(spec, true);
        spec.put("values", values(context));
        return List.of(
                GenericObjects.of(GenericObjects.FLUX_SOURCE, "HelmRepository", context.namespace(), name, labels,
                        Map.of("interval", "1h", "url", CHART_URL)),
                GenericObjects.of(GenericObjects.HELM_RELEASE, "HelmRelease", context.namespace(), name, labels,
                        spec));
    }

    static Map<String, Object> values(ToolContext context) {
        String name = name(context.module());
        return Values.merge(
                Values.at("config", Map.of("existingSecret", context.oidcSecret(),
                        "configFile", configFile(context))),
                Values.at("serviceAccount", Map.of("enabled", true, "name", name,
                        "automountServiceAccountToken", false)),
                Values.at("podSecurityContext", Map.of("runAsNonRoot", true,
                        "seccompProfile", Map.of("type", "RuntimeDefault"))),
                Values.at("sessionStorage.type", "cookie"),
                Values.at("redis-ha.enabled", false));
    }

    /** oauth2-proxy's configuration file (TOML), which the chart mounts and passes with {@code --config}. */
    static String configFile(ToolContext context) {
        ToolRoute upstream = context.install().module().integration().webRoute().orElseThrow(() ->
                new IllegalStateException(context.module() + " signs on through oauth2-proxy but has no route"));
        SignOnEndpoints provider = context.signOn();
        List<String> groups = context.tenant() == null ? List.of() : context.tenant().allGroups();
        var config = new LinkedHashMap<String, Object>();
        config.put("provider", "oidc");
        config.put("provider_display_name", "Nova");
        config.put("oidc_issuer_url", provider.issuer());
        config.put("skip_oidc_discovery", true);
        config.put("login_url", provider.authorize());
        config.put("redeem_url", provider.token());
        config.put("oidc_jwks_url", provider.keys());
        config.put("profile_url", provider.userinfo());
        config.put("scope", "openid groups");
        config.put("code_challenge_method", "S256");
        config.put("user_id_claim", "sub");
        config.put("oidc_groups_claim", "groups");
        config.put("email_domains", List.of(groups.isEmpty() ? NOBODY : "*"));
        if (!groups.isEmpty()) {
            config.put("allowed_groups", groups);
        }
        config.put("redirect_url", context.redirectUri());
        config.put("upstreams", List.of(context.serviceUrl(upstream.service(), upstream.port()) + "/"));
        config.put("reverse_proxy", true);
        config.put("cookie_secure", true);
        config.put("skip_provider_button", true);
        return config.entrySet().stream().map(e -> e.getKey() + " = " + toml(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String toml(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(OAuth2ProxyRenderer::toml).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String text) {
            var quoted = new StringBuilder("\"");
            text.codePoints().forEach(c -> quoted.append(switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                default -> c < 0x20 || c == 0x7f ? "\\u%04x".formatted(c) : Character.toString(c);
            }));
            return quoted.append('"').toString();
        }
        return String.valueOf(value);
    }
}
