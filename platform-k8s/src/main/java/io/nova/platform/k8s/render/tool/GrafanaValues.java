package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grafana of the cluster's monitoring stack (kube-prometheus-stack's grafana subchart), logging users in through
 * the platform's provider with Grafana's generic OAuth:
 * <ul>
 *   <li>the client id and secret from the delivered {@code nova-oidc-kube-prometheus-stack} as
 *   {@code GF_AUTH_GENERIC_OAUTH_CLIENT_*} variables (Grafana reads any setting from such a variable), so they stay
 *   out of {@code grafana.ini}, which the chart renders into a ConfigMap;</li>
 *   <li>roles from the token's {@code groups}: the platform's admin groups are Grafana Admins, its viewer groups
 *   Viewers, anybody else is refused ({@code role_attribute_strict}); the provider's assignment lets only those groups
 *   log in in the first place;</li>
 *   <li>users named by the provider's {@code sub}. Grafana refuses a login without an e-mail address and Vault's
 *   provider gives one only through a scope the administrator adds, so {@code <sub>@}{@value #NO_EMAIL_DOMAIN} stands
 *   in for it;</li>
 *   <li>the chart's generated admin password stays as the way in when the provider is down.</li>
 * </ul>
 */
final class GrafanaValues implements ToolValues {

    static final String PROVIDER_NAME = "StarVault";
    /** A reserved domain (RFC 2606): never a real mailbox. */
    static final String NO_EMAIL_DOMAIN = "users.nova.invalid";
    /** Variables that would change the login, which Grafana reads after {@code grafana.ini}. */
    private static final List<String> PLATFORM_VARIABLES = List.of("GF_AUTH_GENERIC_OAUTH_", "GF_SERVER_ROOT_URL");
    /** What may appear inside a JMESPath string literal here (Vault group names are a subset). */
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.:@-]+");

    @Override
    public String module() {
        return "kube-prometheus-stack";
    }

    @Override
    public Map<String, Object> tenantValues(ToolContext context) {
        Map<String, Object> values = context.install().values();
        if (!(values.get("grafana") instanceof Map<?, ?> grafana)) {
            return values;
        }
        @SuppressWarnings("unchecked")
        var own = (Map<String, Object>) grafana;
        var filtered = new LinkedHashMap<>(values);
        filtered.put("grafana", ToolValues.withoutVariables(own, "env", PLATFORM_VARIABLES));
        return filtered;
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        if (!context.signsOn()) {
            return Map.of();
        }
        SignOnEndpoints provider = context.signOn();
        PlatformGroups groups = context.platform();
        var oauth = new LinkedHashMap<String, Object>();
        oauth.put("enabled", true);
        oauth.put("name", PROVIDER_NAME);
        oauth.put("allow_sign_up", true);
        oauth.put("scopes", "openid groups");
        oauth.put("auth_url", provider.authorize());
        oauth.put("token_url", provider.token());
        oauth.put("api_url", provider.userinfo());
        oauth.put("use_pkce", true);
        oauth.put("login_attribute_path", "sub");
        oauth.put("name_attribute_path", "name || sub");
        oauth.put("email_attribute_path", "email || join('@', [sub, '%s'])".formatted(NO_EMAIL_DOMAIN));
        oauth.put("groups_attribute_path", "groups");
        oauth.put("allowed_groups", String.join(",", safe(groups.all())));
        oauth.put("role_attribute_path", rolePath(groups));
        oauth.put("role_attribute_strict", true);
        oauth.put("allow_assign_grafana_admin", false);
        oauth.put("skip_org_role_sync", false);
        var ini = new LinkedHashMap<String, Object>();
        ini.put("server", Map.of("root_url", context.install().uiUrl()));
        ini.put("auth.generic_oauth", oauth);
        var env = new LinkedHashMap<String, Object>();
        env.put("GF_AUTH_GENERIC_OAUTH_CLIENT_ID", secretKey(context, ToolContext.CLIENT_ID_KEY));
        env.put("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET", secretKey(context, ToolContext.CLIENT_SECRET_KEY));
        var grafana = new LinkedHashMap<String, Object>();
        grafana.put("grafana.ini", ini);
        grafana.put("envValueFrom", env);
        return Map.of("grafana", grafana);
    }

    /** {@code contains(groups[*], 'a') && 'Admin' || contains(groups[*], 'v') && 'Viewer'}: admins first. */
    static String rolePath(PlatformGroups groups) {
        var terms = new java.util.ArrayList<String>();
        safe(groups.admins()).forEach(group -> terms.add("contains(groups[*], '%s') && 'Admin'".formatted(group)));
        safe(groups.viewers()).forEach(group -> terms.add("contains(groups[*], '%s') && 'Viewer'".formatted(group)));
        return terms.isEmpty() ? "''" : String.join(" || ", terms);
    }

    /** Group names that can be quoted in JMESPath as they are; others can be no Vault group and never match. */
    private static List<String> safe(List<String> groups) {
        return groups.stream().filter(group -> GROUP.matcher(group).matches()).collect(Collectors.toList());
    }

    private static Map<String, Object> secretKey(ToolContext context, String key) {
        return Map.of("secretKeyRef", Map.of("name", context.oidcSecret(), "key", key));
    }
}
