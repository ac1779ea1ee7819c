package io.nova.platform.vault.oidc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.kv.TenantKvStore;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;

/**
 * Confidential OIDC clients of the provider, signed with the key {@code nova}, with exact redirect URIs, the given
 * assignments and short token lifetimes. A client is written only when it is missing or differs; a client whose key
 * or type was changed (both immutable in Vault) is deleted and created again.
 */
public final class OidcClientProvisioner {

    public static final String KIND = "OIDC client";
    private static final String CONFIDENTIAL = "confidential";

    private final VaultApi api;
    private final Duration idTokenTtl;
    private final Duration accessTokenTtl;

    public OidcClientProvisioner(VaultApi api, Duration idTokenTtl, Duration accessTokenTtl) {
        this.api = api;
        this.idTokenTtl = idTokenTtl;
        this.accessTokenTtl = accessTokenTtl;
    }

    /**
     * Makes the client look like {@code spec}.
     *
     * @return its credentials as Vault holds them now; empty in a dry run that would create the client
     */
    public Optional<ClientCredentials> ensure(OidcClientSpec spec, Changes changes) {
        Optional<Map<String, Object>> current = read(spec.name());
        if (current.isEmpty()) {
            changes.create(KIND, spec.name());
            return create(spec, changes);
        }
        Map<String, Object> client = current.get();
        if (!VaultNames.OIDC_KEY.equals(Fields.text(client.get("key")))
                || !CONFIDENTIAL.equals(Fields.text(client.getOrDefault("client_type", CONFIDENTIAL)))) {
            changes.record("recreate " + KIND + " " + spec.name() + " (its key or type cannot be changed)");
            return recreateWithoutRecording(spec, changes);
        }
        if (!upToDate(client, spec)) {
            changes.update(KIND, spec.name());
            if (!changes.writes()) {
                return credentials(client);
            }
            api.write(path(spec.name()), desired(spec));
            return read(spec.name()).flatMap(OidcClientProvisioner::credentials);
        }
        return credentials(client);
    }

    /**
     * Makes the client look like {@code spec} and keeps its credentials at {@code secretPath} in KV, where the tool's
     * secret store reads them (a dry run only says it would write them when the client is new).
     *
     * @throws VaultApiException when Vault created or changed the client but did not return its credentials
     */
    public void ensureWithSecret(OidcClientSpec spec, TenantKvStore kv, String secretPath, Changes changes) {
        var credentials = ensure(spec, changes);
        if (credentials.isPresent()) {
            kv.writeIfDifferent(secretPath, credentials.get().kvValues(), changes);
        } else if (!changes.writes()) {
            kv.wouldWrite(secretPath, changes);
        } else {
            throw new VaultApiException(VaultApiException.Kind.REJECTED, 0, spec.name(),
                    "Vault did not return the credentials of OIDC client " + spec.name(), null);
        }
    }

    /**
     * Deletes and creates the client again. Vault's OIDC provider API has no endpoint that rotates a client secret
     * (see the client section of the identity/oidc-provider API page), so this is the only way to a new secret.
     * Consequence: Vault generates a new {@code client_id} as well; the tool must pick up both from KV, and tokens
     * and sessions issued to the old client stop being accepted.
     */
    public Optional<ClientCredentials> recreate(OidcClientSpec spec, Changes changes) {
        changes.record("recreate " + KIND + " " + spec.name() + " (new client id and secret)");
        return recreateWithoutRecording(spec, changes);
    }

    public Optional<Map<String, Object>> read(String name) {
        return api.read(path(name));
    }

    /** The names of all clients of the provider (of every tenant). */
    public List<String> names() {
        return api.list("identity/oidc/client");
    }

    public void delete(String name, Changes changes) {
        changes.delete(KIND, name);
        if (changes.writes()) {
            api.delete(path(name));
        }
    }

    private Optional<ClientCredentials> recreateWithoutRecording(OidcClientSpec spec, Changes changes) {
        if (changes.writes()) {
            api.delete(path(spec.name()));
        }
        return create(spec, changes);
    }

    private Optional<ClientCredentials> create(OidcClientSpec spec, Changes changes) {
        if (!changes.writes()) {
            return Optional.empty();
        }
        api.write(path(spec.name()), desired(spec));
        return read(spec.name()).flatMap(OidcClientProvisioner::credentials);
    }

    private Map<String, Object> desired(OidcClientSpec spec) {
        var desired = new LinkedHashMap<String, Object>();
        desired.put("key", VaultNames.OIDC_KEY);
        desired.put("client_type", CONFIDENTIAL);
        desired.put("redirect_uris", spec.redirectUris());
        desired.put("assignments", spec.assignments());
        desired.put("id_token_ttl", Fields.vaultDuration(idTokenTtl));
        desired.put("access_token_ttl", Fields.vaultDuration(accessTokenTtl));
        return desired;
    }

    private boolean upToDate(Map<String, Object> client, OidcClientSpec spec) {
        return Fields.sameSet(client.get("redirect_uris"), spec.redirectUris())
                && Fields.sameSet(client.get("assignments"), spec.assignments())
                && Fields.sameDuration(client.get("id_token_ttl"), idTokenTtl)
                && Fields.sameDuration(client.get("access_token_ttl"), accessTokenTtl);
    }

    private static Optional<ClientCredentials> credentials(Map<String, Object> client) {
        String id = Fields.string(client, VaultNames.CLIENT_ID_KEY);
        String secret = Fields.string(client, VaultNames.CLIENT_SECRET_KEY);
        return id == null || secret == null ? Optional.empty() : Optional.of(new ClientCredentials(id, secret));
    }

    static String path(String name) {
        return "identity/oidc/client/" + name;
    }
}
