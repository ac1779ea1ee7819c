package io.nova.platform.vault.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AppRole auth method: only {@code login} (auth_approle.mdx); roles are registered through
 * {@link VaultApiTestDouble#enableAppRole} rather than the role API.
 */
final class AppRoleBackend implements Backend {

    private record Role(String name, String secretId, List<String> policies) {
    }

    private final AccessControl access;
    /** Roles by role_id. */
    private final Map<String, Role> roles = new LinkedHashMap<>();

    AppRoleBackend(AccessControl access) {
        this.access = access;
    }

    void addRole(String roleId, String secretId, List<String> policies) {
        roles.put(roleId, new Role("role-" + (roles.size() + 1), secretId, List.copyOf(policies)));
    }

    @Override
    public boolean unauthenticated(String sub) {
        return sub.equals("login");
    }

    @Override
    public Reply handle(Call call) {
        if (!call.sub().equals("login")) {
            throw VaultError.unsupportedPath();
        }
        if (call.op() != Op.WRITE) {
            throw VaultError.unsupportedOperation();
        }
        String roleId = Values.text(call.get("role_id"));
        if (roleId.isEmpty()) {
            throw VaultError.badRequest("missing role_id");
        }
        Role role = roles.get(roleId);
        if (role == null || !role.secretId().equals(Values.text(call.get("secret_id")))) {
            throw VaultError.badRequest("invalid role or secret ID");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("role_name", role.name());
        return Reply.auth(access.issue(role.policies(), false, "approle", "auth/approle/login", meta, 0).auth());
    }

    @Override
    public boolean exists(Mount mount, String sub) {
        return true;
    }

    @Override
    public void unmounted(Mount mount) {
        roles.clear();
    }
}
