package io.nova.platform.vault.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The identity secrets engine at {@code identity/}: groups by name and by id (secret_identity_group.mdx); the OIDC
 * provider paths under {@code identity/oidc/} go to the {@link OidcBackend}.
 */
final class IdentityBackend implements Backend {

    private final OidcBackend oidc;
    /** Groups by id, as stored. */
    private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();

    IdentityBackend(OidcBackend oidc) {
        this.oidc = oidc;
    }

    @Override
    public Reply handle(Call call) {
        String sub = call.sub();
        if (sub.startsWith("oidc/")) {
            return oidc.handle(call);
        }
        if (sub.equals("group")) {
            if (call.op() != Op.WRITE) {
                throw VaultError.unsupportedOperation();
            }
            Map<String, Object> group = call.has("id") ? groups.get(Values.text(call.get("id")))
                    : byName(Values.text(call.get("name")));
            if (call.has("id") && group == null) {
                throw VaultError.badRequest("invalid group ID given in 'id'");
            }
            return update(call, group, Values.text(call.get("name")));
        }
        if (sub.equals("group/name") || sub.equals("group/id")) {
            if (call.op() != Op.LIST) {
                throw VaultError.unsupportedOperation();
            }
            TreeSet<String> keys = new TreeSet<>();
            groups.values().forEach(g -> keys.add(Values.text(g.get(sub.endsWith("name") ? "name" : "id"))));
            return Reply.keys(keys);
        }
        if (sub.startsWith("group/name/")) {
            String name = Backend.name(sub.substring("group/name/".length()));
            return group(call, byName(name), name);
        }
        if (sub.startsWith("group/id/")) {
            String id = sub.substring("group/id/".length());
            Map<String, Object> group = groups.get(id);
            if (call.op() == Op.WRITE && group == null) {
                throw VaultError.badRequest("invalid group ID");
            }
            return group(call, group, null);
        }
        throw VaultError.unsupportedPath();
    }

    private Reply group(Call call, Map<String, Object> group, String name) {
        return switch (call.op()) {
            case READ -> Reply.data(render(Optional.ofNullable(group).orElseThrow(VaultError::notFound)));
            case WRITE -> update(call, group, name);
            case DELETE -> {
                if (group != null) {
                    groups.remove(Values.text(group.get("id")));
                }
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    /** Creates (answering id and name) or updates (answering 204) a group; unspecified fields are kept. */
    private Reply update(Call call, Map<String, Object> existing, String pathName) {
        boolean creating = existing == null;
        Map<String, Object> group = creating ? new LinkedHashMap<>() : existing;
        String name = pathName != null && !pathName.isEmpty() ? pathName : Values.text(call.get("name"));
        if (creating) {
            String id = Values.uuid();
            group.put("id", id);
            group.put("name", name.isEmpty() ? "group_" + id.substring(0, 8) : name);
            group.put("type", "internal");
            group.put("metadata", new LinkedHashMap<>());
            group.put("policies", new ArrayList<>());
            group.put("member_group_ids", new ArrayList<>());
            group.put("member_entity_ids", new ArrayList<>());
            group.put("creation_time", Values.now());
            group.put("modify_index", 0L);
        } else if (!name.isEmpty() && !name.equals(group.get("name"))) {
            Map<String, Object> other = byName(name);
            if (other != null && other != group) {
                throw VaultError.badRequest("group name is already in use");
            }
            group.put("name", name);
        }
        if (call.has("type")) {
            String type = Values.text(call.get("type"));
            if (!type.equals("internal") && !type.equals("external")) {
                throw VaultError.badRequest("invalid type " + type);
            }
            if (!creating && !type.equals(group.get("type"))) {
                throw VaultError.badRequest("group type cannot be changed");
            }
            group.put("type", type);
        }
        if (call.has("metadata")) {
            group.put("metadata", Values.copy(Values.object(call.get("metadata"), "metadata")));
        }
        if (call.has("policies")) {
            group.put("policies", Values.policies(call.get("policies")));
        }
        for (String members : List.of("member_group_ids", "member_entity_ids")) {
            if (call.has(members)) {
                group.put(members, Values.strings(call.get(members)));
            }
        }
        group.put("last_update_time", Values.now());
        group.put("modify_index", Values.integer(group.get("modify_index"), "modify_index") + 1);
        groups.put(Values.text(group.get("id")), group);
        return creating ? Reply.data(Values.map("id", group.get("id"), "name", group.get("name")))
                : Reply.noContent();
    }

    private Map<String, Object> render(Map<String, Object> group) {
        List<String> parents = new ArrayList<>();
        groups.values().forEach(g -> {
            if (Values.strings(g.get("member_group_ids")).contains(Values.text(group.get("id")))) {
                parents.add(Values.text(g.get("id")));
            }
        });
        List<String> memberGroups = Values.strings(group.get("member_group_ids"));
        return Values.map("alias", Map.of(),
                "creation_time", group.get("creation_time"),
                "id", group.get("id"),
                "last_update_time", group.get("last_update_time"),
                "member_entity_ids", Values.strings(group.get("member_entity_ids")),
                "member_group_ids", memberGroups.isEmpty() ? null : memberGroups,
                "metadata", Values.copy(group.get("metadata")),
                "modify_index", group.get("modify_index"),
                "name", group.get("name"),
                "namespace_id", "root",
                "parent_group_ids", parents.isEmpty() ? null : parents,
                "policies", Values.strings(group.get("policies")),
                "type", group.get("type"));
    }

    /** Vault matches identity names case-insensitively. */
    private Map<String, Object> byName(String name) {
        for (Map<String, Object> group : groups.values()) {
            if (Values.text(group.get("name")).equalsIgnoreCase(name)) {
                return group;
            }
        }
        return null;
    }

    private Map<String, Object> find(String sub) {
        if (sub.startsWith("group/name/")) {
            return byName(sub.substring("group/name/".length()));
        }
        return sub.startsWith("group/id/") ? groups.get(sub.substring("group/id/".length())) : null;
    }

    @Override
    public boolean exists(Mount mount, String sub) {
        if (sub.startsWith("oidc/")) {
            return oidc.exists(mount, sub);
        }
        return !sub.startsWith("group/") || find(sub) != null;
    }

    @Override
    public Optional<Map<String, Object>> stored(Mount mount, String sub) {
        if (sub.startsWith("oidc/")) {
            return oidc.stored(mount, sub);
        }
        return Optional.ofNullable(find(sub)).map(Values::copy);
    }

    @Override
    public void tamper(Mount mount, String sub, Map<String, Object> fields) {
        if (sub.startsWith("oidc/")) {
            oidc.tamper(mount, sub, fields);
            return;
        }
        Map<String, Object> group = find(sub);
        if (group == null) {
            throw new NoSuchElementException("nothing stored at identity/" + sub);
        }
        group.putAll(Values.copy(fields));
    }

    @Override
    public void remove(Mount mount, String sub) {
        if (sub.startsWith("oidc/")) {
            oidc.remove(mount, sub);
            return;
        }
        Map<String, Object> group = find(sub);
        if (group != null) {
            groups.remove(Values.text(group.get("id")));
        }
    }
}
