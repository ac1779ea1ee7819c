package io.nova.platform.vault.credentials;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.core.module.integration.CredentialGenerator;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.kv.KvVersion;
import io.nova.platform.vault.kv.TenantKvStore;
import io.nova.platform.vault.support.Changes;

/**
 * The credentials a tenant's tools expect (object-store keys, passwords, Fernet and cookie keys), generated once and
 * kept in KV v2 at {@code nova/tenants/<tenant>/credentials/<secret>}, where the tenant's secret store reads them.
 * Every write is a check-and-set on the version just read, so two replicas never overwrite each other: the one that
 * loses reads again and keeps what the other wrote. Keys Vault holds beyond the catalog's are kept; actions name the
 * secret and its keys, never a value.
 */
public final class ToolCredentialProvisioner {

    public static final String KIND = "generated credential";
    /** How often a write that lost a check-and-set is tried again on what the other writer left. */
    static final int ATTEMPTS = 3;

    private final TenantKvStore kv;
    private final CredentialGenerator generator;

    public ToolCredentialProvisioner(TenantKvStore kv, CredentialGenerator generator) {
        this.kv = kv;
        this.generator = generator;
    }

    /**
     * Creates the credential with generated values when Vault has none; completes it when the catalog has added keys
     * (or changed a fixed or derived one) and keeps every value it holds; otherwise writes nothing.
     */
    public void ensure(String tenant, GeneratedCredential credential, Changes changes) {
        String path = VaultNames.credentialPath(tenant, credential.secret());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            KvVersion current = kv.latest(path);
            Map<String, String> wanted = changes.writes() ? generator.complete(credential, current.values())
                    : generator.planned(credential, current.values());
            List<String> changed = changedKeys(current.values(), wanted);
            if (changed.isEmpty()) {
                return;
            }
            String action = action(current.live() ? "update" : "create", credential, changed);
            if (!changes.writes()) {
                changes.record(action);
                return;
            }
            if (kv.writeIfVersion(path, merged(current.values(), wanted), current.version())) {
                changes.record(action);
                return;
            }
        }
        throw contended(path);
    }

    /**
     * New values for every key that is not fixed, derived keys made again from them.
     *
     * @throws NotFoundException when Vault holds no such credential of the tenant
     */
    public void rotate(String tenant, GeneratedCredential credential, Changes changes) {
        String path = VaultNames.credentialPath(tenant, credential.secret());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            KvVersion current = kv.latest(path);
            if (!current.live()) {
                throw new NotFoundException(KIND, tenant + "/" + credential.secret());
            }
            Map<String, String> fresh = generator.generate(credential);
            if (kv.writeIfVersion(path, merged(current.values(), fresh), current.version())) {
                changes.record(action("rotate", credential, changedKeys(current.values(), fresh)));
                return;
            }
        }
        throw contended(path);
    }

    private static String action(String verb, GeneratedCredential credential, List<String> keys) {
        return "%s %s %s (keys %s)".formatted(verb, KIND, credential.secret(), String.join(", ", keys));
    }

    private static List<String> changedKeys(Map<String, String> current, Map<String, String> wanted) {
        return wanted.entrySet().stream().filter(entry -> !Objects.equals(current.get(entry.getKey()),
                entry.getValue())).map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> merged(Map<String, String> current, Map<String, String> wanted) {
        var merged = new LinkedHashMap<>(current);
        merged.putAll(wanted);
        return merged;
    }

    private static VaultApiException contended(String path) {
        return new VaultApiException(VaultApiException.Kind.REJECTED, 400, path, ("KV secret %s/%s changed %d times "
                + "while the platform wrote it; the next provisioning tries again").formatted(VaultNames.KV_MOUNT,
                path, ATTEMPTS), null);
    }
}
