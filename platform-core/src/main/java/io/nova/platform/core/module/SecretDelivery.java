package io.nova.platform.core.module;

/**
 * How an install's Secrets (its generated credentials and OIDC client) reach its namespace from Vault.
 *
 * <p>The tools' charts read Kubernetes Secrets by name (env {@code secretKeyRef}, {@code existingSecret}), and such a
 * Secret must exist before the pod starts: only an operator that syncs Vault into Secrets gives that. The External
 * Secrets Operator does, is the CNCF project the ecosystem settled on (Open Data Hub, Deckhouse, most GitOps set-ups),
 * and works the same with Flux and without. The earlier per-pod modes are kept as accepted values, so that stored
 * installs and scripts keep working, and deliver the same way.
 */
public enum SecretDelivery {
    /** An External Secrets Operator ExternalSecret per Secret, read through the namespace's SecretStore. */
    EXTERNAL_SECRETS,
    /** Accepted for compatibility; delivers as {@link #EXTERNAL_SECRETS}. */
    VAULT_AGENT,
    /** Accepted for compatibility; delivers as {@link #EXTERNAL_SECRETS}. */
    CSI,
    /** Accepted for compatibility; delivers as {@link #EXTERNAL_SECRETS}. */
    WEBHOOK
}
