/**
 * Everything that speaks the Vault HTTP API (StarVault or any Vault-compatible store): the OIDC provider, keys,
 * scopes, assignments and clients, the KV v2 mount of the tenants' secrets, ACL policies and Kubernetes auth roles.
 * {@link io.nova.platform.vault.VaultTenantSecrets} implements the core port
 * {@link io.nova.platform.core.identity.TenantSecrets} from small single-purpose provisioners, one per feature package.
 */
package io.nova.platform.vault;
