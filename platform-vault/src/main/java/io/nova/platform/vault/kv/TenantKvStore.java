package io.nova.platform.vault.kv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.support.Changes;

/**
 * The tenants' secrets in the KV v2 mount {@code nova}. Paths are relative to the mount and without {@code data/}
 * ({@code tenants/team-a/oidc/mlflow}, see {@link VaultNames}). A secret is written only when its values differ
 * from the latest version, so an unchanged secret never gets a new version.
 */
public final class TenantKvStore {

    public static final String KIND = "KV secret";

    private final VaultApi api;

    public TenantKvStore(VaultApi api) {
        this.api = api;
    }

    /** The latest version's values; empty when the secret does not exist or its latest version is deleted. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> read(String path) {
        return api.read(dataPath(path)).flatMap(data -> data.get("data") instanceof Map<?, ?> values
                ? Optional.of((Map<String, Object>) values) : Optional.empty());
    }

    /**
     * The latest version's values and number. When that version is deleted the number comes from the metadata, so
     * that a check-and-set write can replace it.
     */
    public KvVersion latest(String path) {
        var data = api.read(dataPath(path));
        if (data.isPresent() && data.get().get("data") instanceof Map<?, ?> values) {
            Object metadata = data.get().get("metadata");
            return new KvVersion(strings(values), metadata instanceof Map<?, ?> fields ? number(fields.get("version"))
                    : 0);
        }
        return new KvVersion(Map.of(), api.read(metadataPath(path))
                .map(metadata -> number(metadata.get("current_version"))).orElse(0));
    }

    /**
     * Writes {@code values} as the next version with check-and-set: only while {@code version} is the latest (0: only
     * while the secret does not exist).
     *
     * @return false when another writer got there first (Vault refused the check-and-set and the secret's version
     *         is no longer {@code version})
     */
    public boolean writeIfVersion(String path, Map<String, String> values, int version) {
        try {
            api.write(dataPath(path), Map.of("options", Map.of("cas", version), "data", values));
            return true;
        } catch (VaultApiException e) {
            if (e.status() == 400 && latest(path).version() != version) {
                return false;
            }
            throw e;
        }
    }

    /** Writes {@code values} (keeping other keys of the secret) unless the secret already holds them. */
    public void writeIfDifferent(String path, Map<String, String> values, Changes changes) {
        Map<String, Object> current = read(path).orElse(Map.of());
        boolean same = values.entrySet().stream()
                .allMatch(entry -> Objects.equals(entry.getValue(), current.get(entry.getKey())));
        if (same && !current.isEmpty()) {
            return;
        }
        changes.record("write " + KIND + " " + display(path));
        if (changes.writes()) {
            var merged = new LinkedHashMap<String, Object>(current);
            merged.putAll(values);
            api.write(dataPath(path), Map.of("data", merged));
        }
    }

    /** Record that a secret would be written, for a dry run in which its values are not known yet. */
    public void wouldWrite(String path, Changes changes) {
        changes.record("write " + KIND + " " + display(path));
    }

    /** The entries directly under a folder; sub-folders end with {@code /}. */
    public List<String> list(String folder) {
        return api.list(metadataPath(folder));
    }

    /** The names of the secrets directly under a folder (sub-folders left out). */
    public List<String> secretsIn(String folder) {
        return list(folder).stream().filter(key -> !key.endsWith("/")).toList();
    }

    /** Deletes a secret with all its versions and metadata. */
    public void delete(String path, Changes changes) {
        changes.delete(KIND, display(path));
        if (changes.writes()) {
            api.delete(metadataPath(path));
        }
    }

    /** Deletes every secret below a folder, at any depth. */
    public void deleteTree(String folder, Changes changes) {
        for (String secret : walk(folder)) {
            delete(secret, changes);
        }
    }

    private List<String> walk(String folder) {
        List<String> secrets = new ArrayList<>();
        for (String key : list(folder)) {
            String child = folder + "/" + key;
            if (key.endsWith("/")) {
                secrets.addAll(walk(child.substring(0, child.length() - 1)));
            } else {
                secrets.add(child);
            }
        }
        return secrets;
    }

    private static Map<String, String> strings(Map<?, ?> values) {
        var strings = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (value != null) {
                strings.put(String.valueOf(key), String.valueOf(value));
            }
        });
        return strings;
    }

    private static int number(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        String text = String.valueOf(value);
        return text.matches("\\d{1,9}") ? Integer.parseInt(text) : 0;
    }

    static String dataPath(String path) {
        return VaultNames.KV_MOUNT + "/data/" + path;
    }

    static String metadataPath(String path) {
        return VaultNames.KV_MOUNT + "/metadata/" + path;
    }

    private static String display(String path) {
        return VaultNames.KV_MOUNT + "/" + path;
    }
}
