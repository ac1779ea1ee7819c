package io.nova.platform.core.module.integration;

import java.util.List;

/**
 * How users log in to a tool.
 *
 * @param method        native OIDC, oauth2-proxy in front, or none
 * @param redirectPaths where the provider sends the browser back, relative to the tool's UI URL (the exact redirect
 *                      URIs of its OIDC client); oauth2-proxy's {@code /oauth2/callback} when left out
 * @param note          for {@link SignOnMethod#NONE}: why, and how to log in instead; otherwise who gets which role and
 *                      the way in when the provider is down; shown in the catalog and the console
 */
public record SignOn(SignOnMethod method, List<String> redirectPaths, String note) {

    public static final String OAUTH2_PROXY_CALLBACK = "/oauth2/callback";

    public SignOn {
        method = method == null ? SignOnMethod.NONE : method;
        redirectPaths = redirectPaths == null || redirectPaths.isEmpty()
                ? method == SignOnMethod.OAUTH2_PROXY ? List.of(OAUTH2_PROXY_CALLBACK) : List.of()
                : List.copyOf(redirectPaths);
        if (method == SignOnMethod.NATIVE && redirectPaths.isEmpty()) {
            throw new IllegalArgumentException("a tool with native sign-on needs its redirect paths");
        }
    }

    public static SignOn none(String note) {
        return new SignOn(SignOnMethod.NONE, null, note);
    }

    /** The cookie secret of the oauth2-proxy in front of {@code module}, a credential the platform generates. */
    public static GeneratedCredential proxyCookieSecret(String module) {
        return new GeneratedCredential(module + "-oauth2-proxy-cookie",
                List.of(new CredentialKey("cookie-secret", CredentialKind.COOKIE_SECRET, null)),
                "encrypts the login cookie of the oauth2-proxy in front of " + module);
    }

    /** Whether the tool needs an OIDC client in Vault. */
    public boolean needsClient() {
        return method != SignOnMethod.NONE;
    }

    /** The exact redirect URIs for a tool whose UI is at {@code uiUrl}. */
    public List<String> redirectUris(String uiUrl) {
        return redirectPaths.stream().map(path -> uiUrl + path).toList();
    }
}
