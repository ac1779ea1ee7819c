package io.nova.platform.vault.testing;

import java.util.Map;
import java.util.TreeMap;

/**
 * The mount table: secrets engines ({@code sys/mounts}) and auth methods ({@code sys/auth}, mounted under
 * {@code auth/}). Requests are routed to the mount with the longest matching prefix.
 */
final class Mounts {

    private final Map<String, Mount> mounts = new TreeMap<>();

    Mounts() {
        add(new Mount("cubbyhole/", "cubbyhole", false, true, "per-token private secret storage", null));
        add(new Mount("identity/", "identity", false, false, "identity store", null));
        add(new Mount("sys/", "system", false, false, "system endpoints used for control, policy and debugging",
                null));
        add(new Mount("auth/token/", "token", true, false, "token based credentials", null));
    }

    /** Normalises {@code /nova}, {@code nova/} to {@code nova/}. */
    static String normalize(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed + "/";
    }

    void add(Mount mount) {
        mounts.put(mount.path(), mount);
    }

    Mount get(String path) {
        return mounts.get(path);
    }

    Mount remove(String path) {
        return mounts.remove(path);
    }

    /** The mount a request path belongs to, or null ({@code no handler for route}). */
    Mount match(String path) {
        String slashed = path + "/";
        Mount best = null;
        for (Mount mount : mounts.values()) {
            if (slashed.startsWith(mount.path()) && (best == null || mount.path().length() > best.path().length())) {
                best = mount;
            }
        }
        return best;
    }

    /** The existing mount that a new mount at {@code path} would overlap, or null. */
    Mount conflict(String path) {
        for (Mount mount : mounts.values()) {
            if (path.startsWith(mount.path()) || mount.path().startsWith(path)) {
                return mount;
            }
        }
        return null;
    }

    /** The secrets engines ({@code auth=false}) or auth methods, keyed as Vault shows them. */
    Map<String, Object> table(boolean auth) {
        Map<String, Object> out = new TreeMap<>();
        for (Mount mount : mounts.values()) {
            if (mount.auth() == auth) {
                out.put(auth ? mount.path().substring("auth/".length()) : mount.path(), mount.describe());
            }
        }
        return out;
    }
}
