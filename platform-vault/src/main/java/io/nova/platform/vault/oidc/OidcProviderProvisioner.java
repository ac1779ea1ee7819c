package io.nova.platform.vault.oidc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;

/**
 * The platform's OIDC provider in Vault: the named signing key {@code nova}, the scope {@code groups} that puts the
 * user's Vault group names into the tokens, and the provider {@code nova} that offers that scope to every client.
 */
public final class OidcProviderProvisioner {

    public static final String KEY_KIND = "OIDC key";
    public static final String SCOPE_KIND = "OIDC scope";
    public static final String PROVIDER_KIND = "OIDC provider";

    /** The claim the tools map to roles: the names of the user's Vault identity groups. */
    public static final String GROUPS_TEMPLATE = "{\"groups\": {{identity.entity.groups.names}}}";
    static final String SCOPE_DESCRIPTION = "Names of the user's groups, for the tools' role mapping (Nova Platform)";
    private static final List<String> ALL_CLIENTS = List.of("*");

    private final VaultObjects objects;
    private final String issuer;

    /**
     * @param issuer the provider's issuer, either as Vault takes it ({@code https://vault.example.com}) or as the
     *               tools see it ({@code https://vault.example.com/v1/identity/oidc/provider/nova}); only the
     *               {@code scheme://host:port} part is sent to Vault. Null for Vault's default.
     */
    public OidcProviderProvisioner(VaultObjects objects, String issuer) {
        this.objects = objects;
        this.issuer = issuer == null ? null : origin(issuer);
    }

    /** {@code scheme://host[:port]} of a URL: Vault refuses an issuer with a path. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return url.strip();
            }
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return url.strip();
        }
    }

    /** Key, scope and provider, each repaired on its own when another one fails. */
    public void ensure(Changes changes) {
        changes.attempt(KEY_KIND + " " + VaultNames.OIDC_KEY, () -> ensureKey(changes));
        changes.attempt(SCOPE_KIND + " " + VaultNames.GROUPS_SCOPE, () -> ensureScope(changes));
        changes.attempt(PROVIDER_KIND + " " + VaultNames.OIDC_PROVIDER, () -> ensureProvider(changes));
    }

    void ensureKey(Changes changes) {
        // Every client may sign with the key: the provider's clients are created and re-created by the platform.
        objects.ensure(KEY_KIND, VaultNames.OIDC_KEY, "identity/oidc/key/" + VaultNames.OIDC_KEY,
                Map.of("allowed_client_ids", ALL_CLIENTS),
                current -> Fields.sameSet(current.get("allowed_client_ids"), ALL_CLIENTS), changes);
    }

    void ensureScope(Changes changes) {
        objects.ensure(SCOPE_KIND, VaultNames.GROUPS_SCOPE, "identity/oidc/scope/" + VaultNames.GROUPS_SCOPE,
                Map.of("template", GROUPS_TEMPLATE, "description", SCOPE_DESCRIPTION),
                current -> Fields.sameIgnoringWhitespace(current.get("template"), GROUPS_TEMPLATE)
                        && Fields.sameText(current.get("description"), SCOPE_DESCRIPTION), changes);
    }

    void ensureProvider(Changes changes) {
        var desired = new LinkedHashMap<String, Object>();
        if (issuer != null) {
            desired.put("issuer", issuer);
        }
        desired.put("allowed_client_ids", ALL_CLIENTS);
        desired.put("scopes_supported", List.of(VaultNames.GROUPS_SCOPE));
        objects.ensure(PROVIDER_KIND, VaultNames.OIDC_PROVIDER, providerPath(), desired,
                current -> Fields.sameSet(current.get("allowed_client_ids"), ALL_CLIENTS)
                        && Fields.sameSet(current.get("scopes_supported"), List.of(VaultNames.GROUPS_SCOPE))
                        && issuerMatches(Fields.text(current.get("issuer"))), changes);
    }

    static String providerPath() {
        return "identity/oidc/provider/" + VaultNames.OIDC_PROVIDER;
    }

    /**
     * Without a configured issuer, whatever Vault derived is fine. With one, Vault may answer with the bare
     * {@code scheme://host:port} or with the provider's full URL below it (with a namespace in the path).
     */
    private boolean issuerMatches(String current) {
        if (issuer == null) {
            return true;
        }
        String actual = current.endsWith("/") ? current.substring(0, current.length() - 1) : current;
        return actual.equals(issuer)
                || actual.startsWith(issuer + "/v1/") && actual.endsWith("/" + providerPath());
    }
}
