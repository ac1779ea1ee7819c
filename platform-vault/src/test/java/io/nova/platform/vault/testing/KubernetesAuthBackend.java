package io.nova.platform.vault.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes auth method (auth_kubernetes.mdx): {@code config}, {@code role/:name} and {@code login}. Roles are
 * stored as sent (an update merges into the stored fields) and rendered on read with the token fields of Vault's
 * tokenutil. Login accepts any non-empty JWT; when it is a readable service account token its namespace and name
 * are checked against the role's bounds, but its signature never is.
 */
final class KubernetesAuthBackend implements Backend {

    /** The token fields and their deprecated names, which Vault still reports when they were used. */
    private static final Map<String, String> LEGACY = Map.of(
            "token_policies", "policies",
            "token_ttl", "ttl",
            "token_max_ttl", "max_ttl",
            "token_period", "period",
            "token_num_uses", "num_uses",
            "token_bound_cidrs", "bound_cidrs");

    private final AccessControl access;
    private final Map<String, Map<String, Object>> roles = new TreeMap<>();
    private Map<String, Object> config;

    KubernetesAuthBackend(AccessControl access) {
        this.access = access;
    }

    @Override
    public boolean unauthenticated(String sub) {
        return sub.equals("login");
    }

    @Override
    public Reply handle(Call call) {
        String sub = call.sub();
        if (sub.equals("login")) {
            return login(call);
        }
        if (sub.equals("config")) {
            return config(call);
        }
        if (sub.equals("role")) {
            if (call.op() != Op.LIST) {
                throw VaultError.unsupportedOperation();
            }
            return Reply.keys(roles.keySet());
        }
        if (sub.startsWith("role/")) {
            return role(call, Backend.name(sub.substring("role/".length())));
        }
        throw VaultError.unsupportedPath();
    }

    private Reply role(Call call, String name) {
        return switch (call.op()) {
            case READ -> Reply.data(render(Optional.ofNullable(roles.get(name)).orElseThrow(VaultError::notFound)));
            case WRITE -> {
                for (Map.Entry<String, String> legacy : LEGACY.entrySet()) {
                    if (call.has(legacy.getKey()) && call.has(legacy.getValue())) {
                        throw VaultError.badRequest("Cannot specify values for both \"" + legacy.getValue()
                                + "\" and \"" + legacy.getKey() + "\"");
                    }
                }
                Map<String, Object> merged = new LinkedHashMap<>(roles.getOrDefault(name, Map.of()));
                call.data().forEach((field, value) -> {
                    if (LEGACY.containsKey(field)) {
                        merged.remove(LEGACY.get(field));
                    } else if (LEGACY.containsValue(field)) {
                        LEGACY.forEach((current, old) -> {
                            if (old.equals(field)) {
                                merged.remove(current);
                            }
                        });
                    }
                    merged.put(field, Values.copy(value));
                });
                validate(render(merged));
                roles.put(name, merged);
                yield Reply.noContent();
            }
            case DELETE -> {
                roles.remove(name);
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private static void validate(Map<String, Object> role) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) role.get("bound_service_account_names");
        @SuppressWarnings("unchecked")
        List<String> namespaces = (List<String>) role.get("bound_service_account_namespaces");
        if (names.isEmpty()) {
            throw VaultError.badRequest("\"bound_service_account_names\" can not be empty");
        }
        if (namespaces.isEmpty() && Values.text(role.get("bound_service_account_namespace_selector")).isEmpty()) {
            throw VaultError.badRequest("\"bound_service_account_namespaces\" can not be empty");
        }
        if ((names.size() > 1 && names.contains("*")) || (namespaces.size() > 1 && namespaces.contains("*"))) {
            throw VaultError.badRequest("can not mix \"*\" with values");
        }
        String source = Values.text(role.get("alias_name_source"));
        if (!source.equals("serviceaccount_uid") && !source.equals("serviceaccount_name")) {
            throw VaultError.badRequest("invalid alias_name_source \"" + source + "\"");
        }
        String type = Values.text(role.get("token_type"));
        if (!List.of("default", "service", "batch", "default-service", "default-batch").contains(type)) {
            throw VaultError.badRequest("invalid 'token_type' value \"" + type + "\"");
        }
    }

    /** A stored role as {@code GET auth/kubernetes/role/:name} answers it. */
    private static Map<String, Object> render(Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alias_name_source", stored.getOrDefault("alias_name_source", "serviceaccount_uid"));
        out.put("audience", Values.text(stored.get("audience")));
        out.put("bound_service_account_names", Values.strings(stored.get("bound_service_account_names")));
        out.put("bound_service_account_namespace_selector",
                Values.text(stored.get("bound_service_account_namespace_selector")));
        out.put("bound_service_account_namespaces", Values.strings(stored.get("bound_service_account_namespaces")));
        out.put("token_bound_cidrs", Values.strings(field(stored, "token_bound_cidrs")));
        out.put("token_explicit_max_ttl", Values.seconds(stored.get("token_explicit_max_ttl"),
                "token_explicit_max_ttl"));
        out.put("token_max_ttl", Values.seconds(field(stored, "token_max_ttl"), "token_max_ttl"));
        out.put("token_no_default_policy", Values.bool(stored.get("token_no_default_policy"),
                "token_no_default_policy"));
        out.put("token_num_uses", Values.integer(field(stored, "token_num_uses"), "token_num_uses"));
        out.put("token_period", Values.seconds(field(stored, "token_period"), "token_period"));
        out.put("token_policies", Values.policies(field(stored, "token_policies")));
        out.put("token_ttl", Values.seconds(field(stored, "token_ttl"), "token_ttl"));
        out.put("token_type", stored.getOrDefault("token_type", "default"));
        // Legacy names are reported only for roles written with them, as Vault's tokenutil upgrade does.
        LEGACY.forEach((current, old) -> {
            Object value = out.get(current);
            boolean empty = value instanceof Number n ? n.longValue() == 0 : value instanceof List<?> l && l.isEmpty();
            if (stored.containsKey(old) && !empty) {
                out.put(old, value);
            }
        });
        return out;
    }

    private static Object field(Map<String, Object> stored, String field) {
        return stored.containsKey(field) ? stored.get(field) : stored.get(LEGACY.get(field));
    }

    private Reply config(Call call) {
        return switch (call.op()) {
            case READ -> {
                if (config == null) {
                    throw VaultError.notFound();
                }
                yield Reply.data(Values.map(
                        "kubernetes_host", Values.text(config.get("kubernetes_host")),
                        "kubernetes_ca_cert", Values.text(config.get("kubernetes_ca_cert")),
                        "pem_keys", Values.strings(config.get("pem_keys")),
                        "issuer", Values.text(config.get("issuer")),
                        "disable_iss_validation", config.containsKey("disable_iss_validation")
                                ? Values.bool(config.get("disable_iss_validation"), "disable_iss_validation") : true,
                        "disable_local_ca_jwt", Values.bool(config.get("disable_local_ca_jwt"),
                                "disable_local_ca_jwt"),
                        "token_reviewer_jwt_set", !Values.text(config.get("token_reviewer_jwt")).isEmpty()));
            }
            case WRITE -> {
                if (Values.text(call.get("kubernetes_host")).isEmpty()) {
                    throw VaultError.badRequest("no host provided");
                }
                config = Values.copy(call.data());
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private Reply login(Call call) {
        if (call.op() != Op.WRITE) {
            throw VaultError.unsupportedOperation();
        }
        String roleName = Values.text(call.get("role"));
        if (roleName.isEmpty()) {
            throw VaultError.badRequest("missing role");
        }
        String jwt = Values.text(call.get("jwt"));
        if (jwt.isEmpty()) {
            throw VaultError.badRequest("missing jwt");
        }
        Map<String, Object> stored = roles.get(roleName);
        if (stored == null) {
            throw VaultError.badRequest("invalid role name \"" + roleName + "\"");
        }
        Map<String, Object> role = render(stored);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("role", roleName);
        serviceAccount(jwt).ifPresent(account -> {
            checkBound(role.get("bound_service_account_namespaces"), account[0], "namespace not authorized");
            checkBound(role.get("bound_service_account_names"), account[1], "service account name not authorized");
            meta.put("service_account_name", account[1]);
            meta.put("service_account_namespace", account[0]);
            meta.put("service_account_secret_name", "");
            meta.put("service_account_uid", account[2]);
        });
        @SuppressWarnings("unchecked")
        List<String> policies = new ArrayList<>((List<String>) role.get("token_policies"));
        AccessControl.Token token = access.issue(policies, (Boolean) role.get("token_no_default_policy"),
                "kubernetes-" + meta.getOrDefault("service_account_namespace", roleName)
                        + (meta.containsKey("service_account_name") ? "-" + meta.get("service_account_name") : ""),
                "auth/kubernetes/login", meta, (Long) role.get("token_ttl"));
        return Reply.auth(token.auth());
    }

    private static void checkBound(Object bound, String value, String message) {
        List<String> allowed = Values.strings(bound);
        if (!allowed.contains("*") && !allowed.contains(value)) {
            throw new VaultError(403, List.of(message));
        }
    }

    /** Namespace, name and uid of a readable service account JWT (legacy or projected claims), if it is one. */
    private static Optional<String[]> serviceAccount(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<?, ?> claims = Values.JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class);
            if (claims.get("kubernetes.io") instanceof Map<?, ?> projected
                    && projected.get("serviceaccount") instanceof Map<?, ?> account) {
                return Optional.of(new String[]{Values.text(projected.get("namespace")),
                        Values.text(account.get("name")), Values.text(account.get("uid"))});
            }
            Object namespace = claims.get("kubernetes.io/serviceaccount/namespace");
            Object name = claims.get("kubernetes.io/serviceaccount/service-account.name");
            if (namespace != null && name != null) {
                return Optional.of(new String[]{Values.text(namespace), Values.text(name),
                        Values.text(claims.get("kubernetes.io/serviceaccount/service-account.uid"))});
            }
        } catch (RuntimeException e) {
            // not a readable JWT: accepted as it is
        }
        return Optional.empty();
    }

    @Override
    public boolean exists(Mount mount, String sub) {
        if (sub.startsWith("role/")) {
            return roles.containsKey(sub.substring("role/".length()));
        }
        if (sub.equals("config")) {
            return config != null;
        }
        return true;
    }

    @Override
    public Optional<Map<String, Object>> stored(Mount mount, String sub) {
        if (sub.startsWith("role/")) {
            return Optional.ofNullable(roles.get(sub.substring("role/".length()))).map(Values::copy);
        }
        return sub.equals("config") ? Optional.ofNullable(config).map(Values::copy) : Optional.empty();
    }

    @Override
    public void tamper(Mount mount, String sub, Map<String, Object> fields) {
        Map<String, Object> role = sub.startsWith("role/") ? roles.get(sub.substring("role/".length())) : null;
        if (role == null) {
            throw new NoSuchElementException("nothing stored at " + mount.path() + sub);
        }
        role.putAll(Values.copy(fields));
    }

    @Override
    public void remove(Mount mount, String sub) {
        if (sub.startsWith("role/")) {
            roles.remove(sub.substring("role/".length()));
        }
    }

    @Override
    public void unmounted(Mount mount) {
        roles.clear();
        config = null;
    }
}
