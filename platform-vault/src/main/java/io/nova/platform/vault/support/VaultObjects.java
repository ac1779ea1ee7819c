package io.nova.platform.vault.support;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.nova.platform.vault.api.VaultApi;

/**
 * The diff-before-write every provisioner uses: read the object, compare it with what is wanted, and write only when
 * it is missing or different. A second run over an unchanged Vault therefore writes nothing.
 */
public final class VaultObjects {

    /** What {@link #ensure} did. */
    public enum Outcome {
        UNCHANGED, CREATED, UPDATED
    }

    private final VaultApi api;

    public VaultObjects(VaultApi api) {
        this.api = api;
    }

    public VaultApi api() {
        return api;
    }

    /**
     * @param kind     what the object is, for the action text ({@code OIDC scope})
     * @param upToDate whether the object as read already matches {@code desired}
     */
    public Outcome ensure(String kind, String name, String path, Map<String, ?> desired,
                          Predicate<Map<String, Object>> upToDate, Changes changes) {
        Optional<Map<String, Object>> current = api.read(path);
        if (current.isEmpty()) {
            changes.create(kind, name);
            if (changes.writes()) {
                api.write(path, desired);
            }
            return Outcome.CREATED;
        }
        if (upToDate.test(current.get())) {
            return Outcome.UNCHANGED;
        }
        changes.update(kind, name);
        if (changes.writes()) {
            api.write(path, desired);
        }
        return Outcome.UPDATED;
    }

    /** Deletes an object known to exist (listed just before). */
    public void delete(String kind, String name, String path, Changes changes) {
        changes.delete(kind, name);
        if (changes.writes()) {
            api.delete(path);
        }
    }

    /** Deletes the object if it exists; returns whether it existed. */
    public boolean deleteIfPresent(String kind, String name, String path, Changes changes) {
        if (api.read(path).isEmpty()) {
            return false;
        }
        changes.delete(kind, name);
        if (changes.writes()) {
            api.delete(path);
        }
        return true;
    }
}
