package io.nova.platform.vault.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KV secrets engine for every {@code kv} mount: version 2 per secret_kv_kv-v2.mdx ({@code data/},
 * {@code metadata/}, {@code delete/}, {@code undelete/}, {@code destroy/}, {@code config}) and plain version 1
 * (GET/POST/DELETE/LIST on the key itself), with the in-place upgrade that tuning {@code options.version=2} does.
 */
final class KvBackend implements Backend {

    private static final String INVALID_V2_PATH = "Invalid path for a versioned K/V secrets engine. See the API "
            + "docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this "
            + "operation.";
    private static final int DEFAULT_MAX_VERSIONS = 10;

    private static final class Version {
        Map<String, Object> data;
        final Instant created = Instant.now();
        Instant deleted;
        boolean destroyed;

        boolean live() {
            return deleted == null && !destroyed;
        }
    }

    private static final class Secret {
        final TreeMap<Integer, Version> versions = new TreeMap<>();
        int current;
        final Instant created = Instant.now();
        Instant updated = created;
        int maxVersions;
        boolean casRequired;
        Map<String, Object> customMetadata;
        String deleteVersionAfter = "0s";
    }

    private static final class Config {
        int maxVersions;
        boolean casRequired;
        String deleteVersionAfter = "0s";
    }

    /** KV v2 secrets per mount path. */
    private final Map<String, Map<String, Secret>> secrets = new HashMap<>();
    /** KV v1 values per mount path. */
    private final Map<String, Map<String, Map<String, Object>>> values = new HashMap<>();
    private final Map<String, Config> configs = new HashMap<>();

    /**
     * Every string value of every version of every KV v2 secret whose path contains {@code /credentials/} and that is
     * at least {@code minLength} long: the generated credentials (short fixed values such as user names are not
     * secret and may appear elsewhere).
     */
    java.util.Set<String> credentialValues(int minLength) {
        var found = new java.util.HashSet<String>();
        secrets.values().forEach(store -> store.forEach((key, secret) -> {
            if (key.contains("credentials/")) {
                secret.versions.values().stream().filter(version -> version.data != null)
                        .flatMap(version -> version.data.values().stream())
                        .filter(value -> value instanceof String text && text.length() >= minLength)
                        .forEach(value -> found.add((String) value));
            }
        }));
        return found;
    }

    @Override
    public Reply handle(Call call) {
        return call.mount().kvVersion() == 2 ? handleV2(call) : handleV1(call);
    }

    @Override
    public void unmounted(Mount mount) {
        secrets.remove(mount.path());
        values.remove(mount.path());
        configs.remove(mount.path());
    }

    /** Tuning {@code options.version} from 1 to 2: every value becomes version 1 of a secret. */
    void upgrade(Mount mount) {
        Map<String, Map<String, Object>> old = values.remove(mount.path());
        if (old == null) {
            return;
        }
        Map<String, Secret> upgraded = secrets(mount);
        old.forEach((key, data) -> write(upgraded, key, data, mount));
    }

    private Map<String, Secret> secrets(Mount mount) {
        return secrets.computeIfAbsent(mount.path(), k -> new TreeMap<>());
    }

    private Map<String, Map<String, Object>> values(Mount mount) {
        return values.computeIfAbsent(mount.path(), k -> new TreeMap<>());
    }

    private Config config(Mount mount) {
        return configs.computeIfAbsent(mount.path(), k -> new Config());
    }

    // ---- version 1

    private Reply handleV1(Call call) {
        Map<String, Map<String, Object>> store = values(call.mount());
        String key = call.sub();
        return switch (call.op()) {
            case LIST -> Reply.keys(children(store.keySet(), key));
            case READ -> {
                Map<String, Object> data = store.get(key);
                if (data == null) {
                    throw VaultError.notFound();
                }
                yield Reply.data(Values.copy(data));
            }
            case WRITE -> {
                if (key.isEmpty()) {
                    throw VaultError.unsupportedPath();
                }
                store.put(key, Values.copy(call.data()));
                yield Reply.noContent();
            }
            case DELETE -> {
                store.remove(key);
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    // ---- version 2

    private Reply handleV2(Call call) {
        String sub = call.sub();
        if (sub.equals("config")) {
            return config(call);
        }
        if (sub.equals("metadata") && call.op() == Op.LIST) {
            return Reply.keys(children(secrets(call.mount()).keySet(), ""));
        }
        int slash = sub.indexOf('/');
        if (slash < 0 || slash == sub.length() - 1) {
            throw new VaultError(404, List.of(INVALID_V2_PATH));
        }
        String key = sub.substring(slash + 1);
        return switch (sub.substring(0, slash)) {
            case "data" -> data(call, key);
            case "metadata" -> metadata(call, key);
            case "delete", "undelete", "destroy" -> versions(call, sub.substring(0, slash), key);
            default -> throw new VaultError(404, List.of(INVALID_V2_PATH));
        };
    }

    private Reply data(Call call, String key) {
        Map<String, Secret> store = secrets(call.mount());
        Secret secret = store.get(key);
        return switch (call.op()) {
            case READ -> {
                if (secret == null) {
                    throw VaultError.notFound();
                }
                int wanted = (int) Values.integer(call.get("version"), "version");
                Version version = secret.versions.get(wanted == 0 ? secret.current : wanted);
                if (version == null) {
                    throw VaultError.notFound();
                }
                int number = wanted == 0 ? secret.current : wanted;
                if (!version.live()) {
                    yield Reply.data(404, Values.map("data", null, "metadata", versionMetadata(secret, number)));
                }
                yield Reply.data(Values.map("data", Values.copy(version.data), "metadata",
                        versionMetadata(secret, number)));
            }
            case WRITE -> {
                if (!(call.get("data") instanceof Map<?, ?> data)) {
                    throw VaultError.badRequest("no data provided");
                }
                checkCas(call, secret);
                @SuppressWarnings("unchecked")
                Secret written = write(store, key, (Map<String, Object>) data, call.mount());
                yield Reply.data(versionMetadata(written, written.current));
            }
            case PATCH -> {
                if (secret == null || !secret.versions.get(secret.current).live()) {
                    throw VaultError.notFound();
                }
                if (!(call.get("data") instanceof Map<?, ?> patch)) {
                    throw VaultError.badRequest("no data provided");
                }
                checkCas(call, secret);
                Map<String, Object> merged = Values.copy(secret.versions.get(secret.current).data);
                mergePatch(merged, patch);
                Secret written = write(store, key, merged, call.mount());
                yield Reply.data(versionMetadata(written, written.current));
            }
            case DELETE -> {
                if (secret != null) {
                    Version latest = secret.versions.get(secret.current);
                    if (latest != null && latest.live()) {
                        latest.deleted = Instant.now();
                    }
                }
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private void checkCas(Call call, Secret secret) {
        Map<String, Object> options = Values.object(call.get("options"), "options");
        boolean required = config(call.mount()).casRequired || (secret != null && secret.casRequired);
        if (!options.containsKey("cas")) {
            if (required) {
                throw VaultError.badRequest("check-and-set parameter required for this call");
            }
            return;
        }
        long cas = Values.integer(options.get("cas"), "cas");
        if (cas != (secret == null ? 0 : secret.current)) {
            throw VaultError.badRequest("check-and-set parameter did not match the current version");
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergePatch(Map<String, Object> target, Map<?, ?> patch) {
        patch.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null) {
                target.remove(key);
            } else if (v instanceof Map<?, ?> inner && target.get(key) instanceof Map<?, ?> existing) {
                mergePatch((Map<String, Object>) existing, inner);
            } else {
                target.put(key, Values.copy(v));
            }
        });
    }

    private Secret write(Map<String, Secret> store, String key, Map<String, Object> data, Mount mount) {
        Secret secret = store.computeIfAbsent(key, k -> new Secret());
        Version version = new Version();
        version.data = Values.copy(data);
        secret.current++;
        secret.versions.put(secret.current, version);
        secret.updated = version.created;
        int max = secret.maxVersions > 0 ? secret.maxVersions
                : config(mount).maxVersions > 0 ? config(mount).maxVersions : DEFAULT_MAX_VERSIONS;
        while (secret.versions.size() > max) {
            secret.versions.pollFirstEntry();
        }
        return secret;
    }

    private Reply metadata(Call call, String key) {
        Map<String, Secret> store = secrets(call.mount());
        Secret secret = store.get(key);
        return switch (call.op()) {
            case LIST -> Reply.keys(children(store.keySet(), key));
            case READ -> {
                if (secret == null) {
                    throw VaultError.notFound();
                }
                yield Reply.data(metadata(secret));
            }
            case WRITE -> {
                Secret target = store.computeIfAbsent(key, k -> new Secret());
                if (call.has("max_versions")) {
                    target.maxVersions = (int) Values.integer(call.get("max_versions"), "max_versions");
                }
                if (call.has("cas_required")) {
                    target.casRequired = Values.bool(call.get("cas_required"), "cas_required");
                }
                if (call.has("custom_metadata")) {
                    target.customMetadata = Values.copy(Values.object(call.get("custom_metadata"),
                            "custom_metadata"));
                }
                if (call.has("delete_version_after")) {
                    target.deleteVersionAfter = Values.seconds(call.get("delete_version_after"),
                            "delete_version_after") + "s";
                }
                yield Reply.noContent();
            }
            case DELETE -> {
                store.remove(key);
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private Reply versions(Call call, String action, String key) {
        if (call.op() != Op.WRITE) {
            throw VaultError.unsupportedOperation();
        }
        List<String> numbers = Values.strings(call.get("versions"));
        if (numbers.isEmpty()) {
            throw VaultError.badRequest("no version number provided");
        }
        Secret secret = secrets(call.mount()).get(key);
        if (secret != null) {
            for (String number : numbers) {
                Version version = secret.versions.get((int) Values.integer(number, "versions"));
                if (version == null) {
                    continue;
                }
                switch (action) {
                    case "delete" -> version.deleted = version.deleted == null ? Instant.now() : version.deleted;
                    case "undelete" -> version.deleted = null;
                    default -> {
                        version.destroyed = true;
                        version.data = null;
                    }
                }
            }
        }
        return Reply.noContent();
    }

    private Reply config(Call call) {
        Config config = config(call.mount());
        return switch (call.op()) {
            case READ -> Reply.data(Values.map("cas_required", config.casRequired, "delete_version_after",
                    config.deleteVersionAfter, "max_versions", config.maxVersions));
            case WRITE -> {
                if (call.has("max_versions")) {
                    config.maxVersions = (int) Values.integer(call.get("max_versions"), "max_versions");
                }
                if (call.has("cas_required")) {
                    config.casRequired = Values.bool(call.get("cas_required"), "cas_required");
                }
                if (call.has("delete_version_after")) {
                    config.deleteVersionAfter = Values.seconds(call.get("delete_version_after"),
                            "delete_version_after") + "s";
                }
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private static Map<String, Object> versionMetadata(Secret secret, int number) {
        Version version = secret.versions.get(number);
        return Values.map("created_time", Values.time(version.created),
                "custom_metadata", Values.copy(secret.customMetadata),
                "deletion_time", version.deleted == null ? "" : Values.time(version.deleted),
                "destroyed", version.destroyed,
                "version", number);
    }

    private static Map<String, Object> metadata(Secret secret) {
        Map<String, Object> versions = new LinkedHashMap<>();
        secret.versions.forEach((number, version) -> versions.put(String.valueOf(number), Values.map(
                "created_time", Values.time(version.created),
                "deletion_time", version.deleted == null ? "" : Values.time(version.deleted),
                "destroyed", version.destroyed)));
        return Values.map("cas_required", secret.casRequired,
                "created_time", Values.time(secret.created),
                "current_version", secret.current,
                "custom_metadata", Values.copy(secret.customMetadata),
                "delete_version_after", secret.deleteVersionAfter,
                "max_versions", secret.maxVersions,
                "oldest_version", secret.versions.isEmpty() ? 0 : secret.versions.firstKey(),
                "updated_time", Values.time(secret.updated),
                "versions", versions);
    }

    /** The entries directly below {@code folder}: keys, and sub-folders with a trailing slash. */
    private static List<String> children(Iterable<String> keys, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        TreeSet<String> out = new TreeSet<>();
        for (String key : keys) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int slash = rest.indexOf('/');
                out.add(slash < 0 ? rest : rest.substring(0, slash + 1));
            }
        }
        return new ArrayList<>(out);
    }

    // ---- existence and inspection

    @Override
    public boolean exists(Mount mount, String sub) {
        if (mount.kvVersion() == 1) {
            return values(mount).containsKey(sub);
        }
        for (String prefix : List.of("data/", "metadata/")) {
            if (sub.startsWith(prefix)) {
                return secrets(mount).containsKey(sub.substring(prefix.length()));
            }
        }
        return true;
    }

    @Override
    public Optional<Map<String, Object>> stored(Mount mount, String sub) {
        if (mount.kvVersion() == 1) {
            return Optional.ofNullable(values(mount).get(sub)).map(Values::copy);
        }
        if (sub.startsWith("data/")) {
            Secret secret = secrets(mount).get(sub.substring("data/".length()));
            Version latest = secret == null ? null : secret.versions.get(secret.current);
            return latest == null || !latest.live() ? Optional.empty() : Optional.of(Values.copy(latest.data));
        }
        if (sub.startsWith("metadata/")) {
            return Optional.ofNullable(secrets(mount).get(sub.substring("metadata/".length())))
                    .map(KvBackend::metadata);
        }
        return Optional.empty();
    }

    /** KV v2: a new version with the fields merged into the latest data, as {@code vault kv patch} would write. */
    @Override
    public void tamper(Mount mount, String sub, Map<String, Object> fields) {
        if (mount.kvVersion() == 1) {
            Map<String, Object> data = values(mount).get(sub);
            if (data == null) {
                throw new NoSuchElementException("nothing stored at " + mount.path() + sub);
            }
            data.putAll(Values.copy(fields));
            return;
        }
        if (!sub.startsWith("data/")) {
            throw new IllegalArgumentException("only " + mount.path() + "data/<path> can be tampered with");
        }
        Map<String, Object> latest = stored(mount, sub)
                .orElseThrow(() -> new NoSuchElementException("nothing stored at " + mount.path() + sub));
        latest.putAll(Values.copy(fields));
        write(secrets(mount), sub.substring("data/".length()), latest, mount);
    }

    @Override
    public void remove(Mount mount, String sub) {
        if (mount.kvVersion() == 1) {
            values(mount).remove(sub);
        } else if (sub.startsWith("data/") || sub.startsWith("metadata/")) {
            secrets(mount).remove(sub.substring(sub.indexOf('/') + 1));
        }
    }
}
