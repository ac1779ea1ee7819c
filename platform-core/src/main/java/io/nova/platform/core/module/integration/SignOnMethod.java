package io.nova.platform.core.module.integration;

/** How users log in to a tool through the platform's OIDC provider. */
public enum SignOnMethod {
    /** The tool speaks OIDC itself; its values class configures it. */
    NATIVE,
    /** An oauth2-proxy release in front of the tool checks the login; the route points at the proxy. */
    OAUTH2_PROXY,
    /** The tool cannot log users in through OIDC; the catalog says why. */
    NONE
}
