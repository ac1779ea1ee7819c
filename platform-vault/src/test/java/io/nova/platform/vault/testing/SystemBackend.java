package io.nova.platform.vault.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The {@code sys/} endpoints the platform uses: health and seal status, the mount tables ({@code sys/mounts},
 * {@code sys/auth}) and ACL policies ({@code sys/policies/acl}). Per system_health.mdx, system_mounts.mdx and
 * system_policies.mdx.
 */
final class SystemBackend implements Backend {

    static final String VERSION = "1.16.0";
    private static final String CLUSTER_NAME = "vault-cluster-" + Values.random(8).toLowerCase();
    private static final String CLUSTER_ID = Values.uuid();

    private final Mounts mounts;
    private final AccessControl access;
    private final KvBackend kv;
    private final BooleanSupplier sealed;
    private final Consumer<Mount> unmounted;

    /** @param unmounted told about every disabled mount, to drop the state its backend keeps */
    SystemBackend(Mounts mounts, AccessControl access, KvBackend kv, BooleanSupplier sealed,
                  Consumer<Mount> unmounted) {
        this.mounts = mounts;
        this.access = access;
        this.kv = kv;
        this.sealed = sealed;
        this.unmounted = unmounted;
    }

    /** {@code GET/HEAD sys/health}: no token, answered even when sealed; the status codes are tunable. */
    Reply health(Map<String, Object> query) {
        boolean isSealed = sealed.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("initialized", true);
        body.put("sealed", isSealed);
        body.put("standby", isSealed);
        body.put("performance_standby", false);
        body.put("replication_performance_mode", "disabled");
        body.put("replication_dr_mode", "disabled");
        body.put("server_time_utc", Instant.now().getEpochSecond());
        body.put("version", VERSION);
        if (!isSealed) {
            body.put("cluster_name", CLUSTER_NAME);
            body.put("cluster_id", CLUSTER_ID);
        }
        int status = isSealed ? code(query, "sealedcode", 503) : code(query, "activecode", 200);
        return Reply.raw(status, body);
    }

    /** {@code GET sys/seal-status}: no token, answered even when sealed. */
    Reply sealStatus() {
        boolean isSealed = sealed.getAsBoolean();
        Map<String, Object> body = Values.map("type", "shamir", "initialized", true, "sealed", isSealed, "t", 1,
                "n", 1, "progress", 0, "nonce", "", "version", VERSION, "build_date", "2024-01-01T00:00:00Z",
                "migration", false, "recovery_seal", false, "storage_type", "inmem");
        if (!isSealed) {
            body.put("cluster_name", CLUSTER_NAME);
            body.put("cluster_id", CLUSTER_ID);
        }
        return Reply.raw(200, body);
    }

    private static int code(Map<String, Object> query, String name, int fallback) {
        Object value = query.get(name);
        return value == null ? fallback : (int) Values.integer(value, name);
    }

    @Override
    public Reply handle(Call call) {
        String sub = call.sub();
        if (sub.equals("mounts")) {
            return only(call, Op.READ, () -> Reply.data(mounts.table(false)));
        }
        if (sub.startsWith("mounts/")) {
            String rest = sub.substring("mounts/".length());
            return rest.endsWith("/tune") ? tune(call, rest.substring(0, rest.length() - "/tune".length()))
                    : mount(call, rest, false);
        }
        if (sub.equals("auth")) {
            return only(call, Op.READ, () -> Reply.data(mounts.table(true)));
        }
        if (sub.startsWith("auth/")) {
            return mount(call, sub.substring("auth/".length()), true);
        }
        if (sub.equals("policies/acl") || sub.startsWith("policies/acl/")) {
            return policy(call, sub.equals("policies/acl") ? "" : sub.substring("policies/acl/".length()));
        }
        throw VaultError.unsupportedPath();
    }

    private static Reply only(Call call, Op op, java.util.function.Supplier<Reply> reply) {
        if (call.op() != op) {
            throw VaultError.unsupportedOperation();
        }
        return reply.get();
    }

    // ---- sys/mounts/:path and sys/auth/:path

    private Reply mount(Call call, String relative, boolean auth) {
        if (relative.isEmpty()) {
            throw VaultError.unsupportedPath();
        }
        String path = (auth ? "auth/" : "") + Mounts.normalize(relative);
        Mount existing = mounts.get(path);
        return switch (call.op()) {
            case READ -> {
                if (existing == null) {
                    throw VaultError.badRequest("No " + (auth ? "auth" : "secret engine") + " mount at "
                            + Mounts.normalize(relative));
                }
                yield Reply.data(existing.describe());
            }
            case WRITE -> enable(call, path, auth);
            case DELETE -> {
                if (existing != null) {
                    if (isBuiltin(existing)) {
                        throw VaultError.badRequest("cannot unmount \"" + Mounts.normalize(relative) + "\"");
                    }
                    mounts.remove(path);
                    unmounted.accept(existing);
                }
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private static boolean isBuiltin(Mount mount) {
        return List.of("sys/", "identity/", "cubbyhole/", "auth/token/").contains(mount.path());
    }

    private Reply enable(Call call, String path, boolean auth) {
        String type = Values.text(call.get("type"));
        if (type.isEmpty()) {
            throw VaultError.badRequest("backend type must be specified");
        }
        Map<String, Object> options = call.get("options") == null ? null
                : new LinkedHashMap<>(Values.object(call.get("options"), "options"));
        if (options != null) {
            options.replaceAll((k, v) -> v == null ? null : String.valueOf(v));
        }
        if (!auth && type.equals("kv-v2")) {
            type = "kv";
            options = options == null ? new LinkedHashMap<>() : options;
            options.put("version", "2");
        }
        List<String> supported = auth ? List.of("kubernetes", "approle") : List.of("kv");
        if (!supported.contains(type)) {
            throw VaultError.badRequest("plugin not found in the catalog: " + type);
        }
        Mount conflict = mounts.conflict(path);
        if (conflict != null || path.equals("auth/")) {
            throw VaultError.badRequest("existing mount at " + (conflict == null ? "auth/" : conflict.path()));
        }
        Mount mount = new Mount(path, type, auth, Values.bool(call.get("local"), "local"),
                Values.text(call.get("description")), options);
        applyConfig(mount, call.get("config"));
        mounts.add(mount);
        return Reply.noContent();
    }

    private static void applyConfig(Mount mount, Object config) {
        Map<String, Object> values = Values.object(config, "config");
        for (String ttl : List.of("default_lease_ttl", "max_lease_ttl")) {
            if (values.containsKey(ttl)) {
                mount.config().put(ttl, Values.seconds(values.get(ttl), ttl));
            }
        }
        if (values.containsKey("force_no_cache")) {
            mount.config().put("force_no_cache", Values.bool(values.get("force_no_cache"), "force_no_cache"));
        }
    }

    /** {@code sys/mounts/:path/tune}: TTLs, description and options; options version 2 upgrades KV v1 in place. */
    private Reply tune(Call call, String relative) {
        Mount mount = mounts.get(Mounts.normalize(relative));
        if (mount == null) {
            throw VaultError.badRequest("cannot fetch sysview for path \"" + Mounts.normalize(relative) + "\"");
        }
        return switch (call.op()) {
            case READ -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("default_lease_ttl", ttlOrDefault(mount, "default_lease_ttl"));
                out.put("description", Values.text(mount.describe().get("description")));
                out.put("force_no_cache", mount.config().get("force_no_cache"));
                out.put("max_lease_ttl", ttlOrDefault(mount, "max_lease_ttl"));
                if (mount.options() != null) {
                    out.put("options", Values.copy(mount.options()));
                }
                yield Reply.data(out);
            }
            case WRITE -> {
                if (call.has("description")) {
                    mount.description(Values.text(call.get("description")));
                }
                applyConfig(mount, call.data());
                if (call.get("options") != null) {
                    Map<String, Object> options = new LinkedHashMap<>();
                    if (mount.options() != null) {
                        options.putAll(mount.options());
                    }
                    Values.object(call.get("options"), "options")
                            .forEach((k, v) -> options.put(k, v == null ? null : String.valueOf(v)));
                    if (mount.type().equals("kv")) {
                        String version = Values.text(options.getOrDefault("version", "1"));
                        if (mount.kvVersion() == 2 && version.equals("1")) {
                            throw VaultError.badRequest("cannot downgrade mount from versioned to non-versioned");
                        }
                        if (mount.kvVersion() == 1 && version.equals("2")) {
                            mount.options(options);
                            kv.upgrade(mount);
                        }
                    }
                    mount.options(options);
                }
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private static long ttlOrDefault(Mount mount, String field) {
        long value = Values.integer(mount.config().get(field), field);
        return value == 0 ? AccessControl.DEFAULT_TTL : value;
    }

    // ---- sys/policies/acl

    private Reply policy(Call call, String name) {
        if (call.op() == Op.LIST) {
            List<String> keys = new ArrayList<>();
            for (String policy : access.policyNames()) {
                if (policy.startsWith(name)) {
                    keys.add(policy);
                }
            }
            return Reply.keys(keys);
        }
        if (name.isEmpty()) {
            throw VaultError.unsupportedOperation();
        }
        String normalized = name.toLowerCase();
        return switch (call.op()) {
            case READ -> access.policy(normalized)
                    .map(text -> Reply.data(Values.map("name", normalized, "policy", text)))
                    .orElseThrow(VaultError::notFound);
            case WRITE -> {
                if (normalized.equals("root")) {
                    throw VaultError.badRequest("cannot update \"root\" policy");
                }
                String text = Values.text(call.get("policy"));
                if (text.isBlank()) {
                    throw VaultError.badRequest("'policy' parameter not supplied or empty");
                }
                access.putPolicy(normalized, decodeIfBase64(text));
                yield Reply.noContent();
            }
            case DELETE -> {
                if (normalized.equals("root") || normalized.equals("default")) {
                    throw VaultError.badRequest("cannot delete \"" + normalized + "\" policy");
                }
                access.deletePolicy(normalized);
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    /** The docs allow the policy document base64-encoded. */
    private static String decodeIfBase64(String text) {
        String trimmed = text.trim();
        if (!trimmed.matches("[A-Za-z0-9+/=\\s]+") || trimmed.length() % 4 != 0) {
            return text;
        }
        try {
            return new String(java.util.Base64.getMimeDecoder().decode(trimmed), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    @Override
    public boolean exists(Mount mount, String sub) {
        if (sub.startsWith("policies/acl/")) {
            return access.policy(sub.substring("policies/acl/".length()).toLowerCase()).isPresent();
        }
        if (sub.startsWith("mounts/") && !sub.endsWith("/tune")) {
            return mounts.get(Mounts.normalize(sub.substring("mounts/".length()))) != null;
        }
        if (sub.startsWith("auth/")) {
            return mounts.get("auth/" + Mounts.normalize(sub.substring("auth/".length()))) != null;
        }
        return true;
    }

    @Override
    public Optional<Map<String, Object>> stored(Mount mount, String sub) {
        if (sub.startsWith("policies/acl/")) {
            String name = sub.substring("policies/acl/".length()).toLowerCase();
            return access.policy(name).map(text -> Values.map("name", name, "policy", text));
        }
        if (sub.startsWith("mounts/") || sub.startsWith("auth/")) {
            Mount target = mounts.get((sub.startsWith("auth/") ? "auth/" : "")
                    + Mounts.normalize(sub.substring(sub.indexOf('/') + 1)));
            return Optional.ofNullable(target).map(Mount::describe);
        }
        return Optional.empty();
    }

    @Override
    public void tamper(Mount mount, String sub, Map<String, Object> fields) {
        if (sub.startsWith("policies/acl/")) {
            String name = sub.substring("policies/acl/".length()).toLowerCase();
            if (access.policy(name).isEmpty()) {
                throw new NoSuchElementException("no policy " + name);
            }
            if (fields.containsKey("policy")) {
                access.putPolicy(name, Values.text(fields.get("policy")));
            }
            return;
        }
        Backend.super.tamper(mount, sub, fields);
    }

    @Override
    public void remove(Mount mount, String sub) {
        if (sub.startsWith("policies/acl/")) {
            access.deletePolicy(sub.substring("policies/acl/".length()).toLowerCase());
        } else if (sub.startsWith("mounts/") || sub.startsWith("auth/")) {
            Mount target = mounts.remove((sub.startsWith("auth/") ? "auth/" : "")
                    + Mounts.normalize(sub.substring(sub.indexOf('/') + 1)));
            if (target != null) {
                unmounted.accept(target);
            }
        }
    }
}
