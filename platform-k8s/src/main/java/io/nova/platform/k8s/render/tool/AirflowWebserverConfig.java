package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Airflow's {@code webserver_config.py} for the FAB auth manager: OAuth against the platform's provider as provider
 * {@value #PROVIDER}, users registered at their first login with roles from the {@code groups} claim (owner groups
 * Admin, member groups User, synced at every login); whoever is in none of the tenant's groups is refused. FAB knows
 * no generic OIDC provider, so a security manager reads the user from the provider's userinfo endpoint; the user name
 * is the subject ({@code sub}). The client id and secret are read from {@value #CLIENT_ID_ENV} and
 * {@value #CLIENT_SECRET_ENV}, never written here.
 */
record AirflowWebserverConfig(SignOnEndpoints provider, List<String> ownerGroups, List<String> memberGroups) {

    static final String PROVIDER = "nova";
    static final String CLIENT_ID_ENV = "NOVA_OIDC_CLIENT_ID";
    static final String CLIENT_SECRET_ENV = "NOVA_OIDC_CLIENT_SECRET";

    private static final String TEMPLATE = """
            # Written by Nova Platform: login through the platform's OIDC provider.
            import os

            from airflow.providers.fab.auth_manager.security_manager.override import FabAirflowSecurityManagerOverride
            from flask_appbuilder.const import AUTH_OAUTH

            AUTH_TYPE = AUTH_OAUTH
            AUTH_USER_REGISTRATION = True
            AUTH_USER_REGISTRATION_ROLE = "Public"
            AUTH_ROLES_SYNC_AT_LOGIN = True
            AUTH_ROLES_MAPPING = %s

            OAUTH_PROVIDERS = [
                {
                    "name": %s,
                    "icon": "fa-key",
                    "token_key": "access_token",
                    "remote_app": {
                        "client_id": os.environ[%s],
                        "client_secret": os.environ[%s],
                        "api_base_url": %s,
                        "authorize_url": %s,
                        "access_token_url": %s,
                        "request_token_url": None,
                        "userinfo_endpoint": %s,
                        "jwks_uri": %s,
                        "issuer": %s,
                        "client_kwargs": {"scope": "openid groups"},
                    },
                },
            ]


            class NovaSecurityManager(FabAirflowSecurityManagerOverride):
                def get_oauth_user_info(self, provider, resp):
                    if provider != %s:
                        return super().get_oauth_user_info(provider, resp)
                    claims = self.oauth_remotes[provider].userinfo()
                    groups = [group for group in claims.get("groups") or [] if group in AUTH_ROLES_MAPPING]
                    if not groups:
                        return {}
                    return {"username": claims["sub"], "email": claims.get("email", ""), "role_keys": groups}


            SECURITY_MANAGER_CLASS = NovaSecurityManager
            """;

    AirflowWebserverConfig {
        ownerGroups = List.copyOf(ownerGroups);
        memberGroups = List.copyOf(memberGroups);
    }

    /** Group name to FAB roles: owners are Admin, members User (both when a group is both). */
    Map<String, List<String>> rolesMapping() {
        var mapping = new LinkedHashMap<String, List<String>>();
        ownerGroups.forEach(group -> mapping.merge(group, List.of("Admin"), AirflowWebserverConfig::union));
        memberGroups.forEach(group -> mapping.merge(group, List.of("User"), AirflowWebserverConfig::union));
        return mapping;
    }

    String python() {
        String mapping = rolesMapping().entrySet().stream()
                .map(entry -> "%s: [%s]".formatted(literal(entry.getKey()),
                        entry.getValue().stream().map(AirflowWebserverConfig::literal).collect(Collectors.joining(", "))))
                .collect(Collectors.joining(", ", "{", "}"));
        return TEMPLATE.formatted(mapping, literal(PROVIDER), literal(CLIENT_ID_ENV), literal(CLIENT_SECRET_ENV),
                literal(provider.issuer() + "/"), literal(provider.authorize()), literal(provider.token()),
                literal(provider.userinfo()), literal(provider.keys()), literal(provider.issuer()), literal(PROVIDER));
    }

    private static List<String> union(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    /**
     * A Python string literal. Braces are escaped too: the chart passes the file through Helm's {@code tpl}, where
     * two opening braces in a group name would start a template action.
     */
    static String literal(String value) {
        var literal = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\' || c == '{' || c == '}' || c < 0x20 || c == 0x7f) {
                literal.append("\\x%02x".formatted(c));
            } else {
                literal.appendCodePoint(c);
            }
        });
        return literal.append('"').toString();
    }
}
