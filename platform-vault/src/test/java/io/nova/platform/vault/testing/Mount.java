package io.nova.platform.vault.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** A secrets engine or auth method in the mount table; {@code path} ends with a slash ({@code nova/}). */
final class Mount {

    private final String path;
    private final String type;
    private final boolean auth;
    private final boolean local;
    private final String accessor;
    private final String uuid = Values.uuid();
    private String description;
    private Map<String, Object> options;
    private final Map<String, Object> config = new LinkedHashMap<>();

    Mount(String path, String type, boolean auth, boolean local, String description, Map<String, Object> options) {
        this.path = path;
        this.type = type;
        this.auth = auth;
        this.local = local;
        this.description = description;
        this.options = options;
        this.accessor = (auth ? "auth_" : "") + (type.equals("system") ? "system" : type) + "_"
                + Values.random(8).toLowerCase();
        config.put("default_lease_ttl", 0);
        config.put("force_no_cache", false);
        config.put("max_lease_ttl", 0);
    }

    /** The full path with its trailing slash; auth methods include {@code auth/}. */
    String path() {
        return path;
    }

    String type() {
        return type;
    }

    boolean auth() {
        return auth;
    }

    /** The KV version of a {@code kv} mount (1 unless its options say 2). */
    int kvVersion() {
        return options != null && "2".equals(String.valueOf(options.get("version"))) ? 2 : 1;
    }

    Map<String, Object> options() {
        return options;
    }

    void options(Map<String, Object> options) {
        this.options = options;
    }

    void description(String description) {
        this.description = description;
    }

    Map<String, Object> config() {
        return config;
    }

    /** The entry as {@code sys/mounts} and {@code sys/auth} show it. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessor", accessor);
        out.put("config", Values.copy(config));
        if (type.equals("kv")) {
            out.put("deprecation_status", "supported");
        }
        out.put("description", description);
        out.put("external_entropy_access", false);
        out.put("local", local);
        out.put("options", Values.copy(options));
        out.put("plugin_version", "");
        out.put("running_plugin_version", builtinVersion());
        out.put("running_sha256", "");
        out.put("seal_wrap", false);
        out.put("type", type);
        out.put("uuid", uuid);
        return out;
    }

    private String builtinVersion() {
        return switch (type) {
            case "kv" -> "v0.20.0+builtin";
            case "kubernetes" -> "v0.20.0+builtin";
            case "approle" -> "v1.16.0+builtin.vault";
            default -> "v1.16.0+builtin.vault";
        };
    }
}
