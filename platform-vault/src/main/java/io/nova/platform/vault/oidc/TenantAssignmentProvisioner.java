package io.nova.platform.vault.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;

/**
 * The OIDC assignment {@code nova-<tenant>}: the Vault identity groups whose members may log in to the tenant's tools
 * (and, by name, the assignment of a cluster's own web UIs to the platform's groups).
 * Owner groups are resolved by name to their ids; a group that does not exist yet is created (as an internal group
 * without members, for the Vault administrator to fill or to alias to the login method's groups).
 */
public final class TenantAssignmentProvisioner {

    public static final String KIND = "OIDC assignment";
    public static final String GROUP_KIND = "identity group";
    /** Vault's rule for identity object names (no slashes, no spaces). */
    private static final Pattern GROUP_NAME = Pattern.compile("\\w([\\w.-]*\\w)?");

    private final VaultApi api;
    private final VaultObjects objects;

    public TenantAssignmentProvisioner(VaultObjects objects) {
        this.api = objects.api();
        this.objects = objects;
    }

    public void ensure(String tenant, List<String> ownerGroups, Changes changes) {
        ensureNamed(name(tenant), ownerGroups, changes);
    }

    /** The assignment {@code name}: exactly these groups (by name, created when missing) and no entities. */
    public void ensureNamed(String name, List<String> ownerGroups, Changes changes) {
        List<String> groupIds = new ArrayList<>();
        boolean unresolved = false;
        for (String group : ownerGroups) {
            if (!GROUP_NAME.matcher(group).matches()) {
                changes.fail(GROUP_KIND + " " + group, "'" + group + "' is not a valid Vault group name "
                        + "(letters, digits, '_', '-' and '.' only); the group is left out of " + name);
                continue;
            }
            Optional<String> id = groupId(group, changes);
            id.ifPresent(groupIds::add);
            unresolved |= id.isEmpty();
        }
        boolean groupsUnknown = unresolved;
        objects.ensure(KIND, name, pathOf(name), Map.of("group_ids", groupIds, "entity_ids", List.of()),
                current -> !groupsUnknown && Fields.sameSet(current.get("group_ids"), groupIds)
                        && Fields.strings(current.get("entity_ids")).isEmpty(), changes);
    }

    public void remove(String tenant, Changes changes) {
        removeNamed(name(tenant), changes);
    }

    public void removeNamed(String name, Changes changes) {
        objects.deleteIfPresent(KIND, name, pathOf(name), changes);
    }

    /** The group's id, creating the group if needed; empty only in a dry run that would create it. */
    private Optional<String> groupId(String group, Changes changes) {
        String path = "identity/group/name/" + group;
        Optional<String> existing = api.read(path).map(data -> Fields.string(data, "id"));
        if (existing.isPresent()) {
            return existing;
        }
        changes.create(GROUP_KIND, group);
        if (!changes.writes()) {
            return Optional.empty();
        }
        Optional<String> created = api.write(path, Map.of("metadata", Map.of("created-by", "nova-platform")))
                .map(data -> Fields.string(data, "id"));
        return created.isPresent() ? created : api.read(path).map(data -> Fields.string(data, "id"));
    }

    public static String name(String tenant) {
        return VaultNames.assignmentName(tenant);
    }

    static String path(String tenant) {
        return pathOf(name(tenant));
    }

    private static String pathOf(String name) {
        return "identity/oidc/assignment/" + name;
    }
}
