package io.nova.platform.k8s.render.tool;

/**
 * The platform's OIDC provider (StarVault) as a tool's login needs it. The browser is sent to {@code authorize},
 * Vault's UI page (the API's own authorize endpoint needs a Vault token, which a browser does not have); the tool
 * talks to the others itself.
 *
 * @param issuer    the provider's issuer, {@code <vault>/v1/identity/oidc/provider/<name>}
 * @param authorize the browser's authorization endpoint, as the provider's discovery document names it
 */
public record SignOnEndpoints(String issuer, String authorize) {

    private static final String API_PATH = "/v1/identity/oidc/provider/";
    private static final String UI_PATH = "/ui/identity/oidc/provider/";

    public SignOnEndpoints {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("an OIDC issuer is needed");
        }
        issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        authorize = authorize == null || authorize.isBlank() ? browserAuthorize(issuer) : authorize;
    }

    /**
     * The authorization endpoint a Vault-compatible provider's discovery document gives for this issuer: the UI's
     * path instead of the API's ({@code /ui/identity/oidc/provider/<name>/authorize}).
     */
    static String browserAuthorize(String issuer) {
        int api = issuer.indexOf(API_PATH);
        return api < 0 ? issuer + "/authorize"
                : issuer.substring(0, api) + UI_PATH + issuer.substring(api + API_PATH.length()) + "/authorize";
    }

    public String token() {
        return issuer + "/token";
    }

    public String userinfo() {
        return issuer + "/userinfo";
    }

    public String discovery() {
        return issuer + "/.well-known/openid-configuration";
    }

    public String keys() {
        return issuer + "/.well-known/keys";
    }
}
