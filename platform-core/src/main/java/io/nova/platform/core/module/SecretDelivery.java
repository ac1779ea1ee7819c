package io.nova.platform.core.module;

/** How a module's pods receive their secrets from Vault; chosen per install. */
public enum SecretDelivery {
    /** Vault Agent injector annotations on the pods. */
    VAULT_AGENT,
    /** The Vault CSI provider with a SecretProviderClass. */
    CSI,
    /** A secrets webhook (Bank-Vaults style annotations). */
    WEBHOOK
}
