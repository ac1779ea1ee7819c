package io.nova.platform.vault.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Tokens, ACL policies and the check of a request's capability against the token's policies. */
final class AccessControl {

    /** Vault's default token TTL (768h). */
    static final long DEFAULT_TTL = 2_764_800;

    /** Vault's built-in "default" policy, without its templated identity paths. */
    static final String DEFAULT_POLICY = """
            # Allow tokens to look up their own properties
            path "auth/token/lookup-self" {
                capabilities = ["read"]
            }

            # Allow tokens to renew themselves
            path "auth/token/renew-self" {
                capabilities = ["update"]
            }

            # Allow tokens to revoke themselves
            path "auth/token/revoke-self" {
                capabilities = ["update"]
            }

            # Allow a token to look up its own capabilities on a path
            path "sys/capabilities-self" {
                capabilities = ["update"]
            }

            # Allow a token to look up its resultant ACL from all policies
            path "sys/internal/ui/resultant-acl" {
                capabilities = ["read"]
            }

            # Allow a token to renew a lease via lease_id in the request body
            path "sys/leases/renew" {
                capabilities = ["update"]
            }

            # Allow a token to look up its own lease via lease_id in the request body
            path "sys/leases/lookup" {
                capabilities = ["update"]
            }

            # Allow a token to manage its own cubbyhole
            path "cubbyhole/*" {
                capabilities = ["create", "read", "update", "delete", "list"]
            }

            # Allow a token to wrap arbitrary values in a response-wrapping token
            path "sys/wrapping/wrap" {
                capabilities = ["update"]
            }

            # Allow a token to look up the creation time and TTL of a given response-wrapping token
            path "sys/wrapping/lookup" {
                capabilities = ["update"]
            }

            # Allow a token to unwrap a response-wrapping token
            path "sys/wrapping/unwrap" {
                capabilities = ["update"]
            }

            # Allow general purpose tools
            path "sys/tools/hash" {
                capabilities = ["update"]
            }
            path "sys/tools/hash/*" {
                capabilities = ["update"]
            }

            # Allow a token to make requests to the Authorization Endpoint for OIDC providers.
            path "identity/oidc/provider/+/authorize" {
                capabilities = ["read", "update"]
            }
            """;

    /**
     * A token.
     *
     * @param ttl seconds from {@code created}; 0 never expires (root)
     */
    record Token(String id, String accessor, List<String> policies, String displayName, String path,
                 Map<String, Object> meta, Instant created, long ttl) {

        boolean root() {
            return policies.contains("root");
        }

        long remaining() {
            if (ttl == 0) {
                return 0;
            }
            return Math.max(0, ttl - Duration.between(created, Instant.now()).toSeconds());
        }

        boolean expired() {
            return ttl != 0 && Instant.now().isAfter(created.plusSeconds(ttl));
        }

        /** The {@code data} of {@code auth/token/lookup-self}. */
        Map<String, Object> lookup() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("accessor", accessor);
            out.put("creation_time", created.getEpochSecond());
            out.put("creation_ttl", ttl);
            out.put("display_name", displayName);
            out.put("entity_id", "");
            out.put("expire_time", ttl == 0 ? null : Values.time(created.plusSeconds(ttl)));
            out.put("explicit_max_ttl", 0);
            out.put("id", id);
            if (ttl != 0) {
                out.put("issue_time", Values.time(created));
            }
            out.put("meta", meta.isEmpty() ? null : Values.copy(meta));
            out.put("num_uses", 0);
            out.put("orphan", true);
            out.put("path", path);
            out.put("policies", new ArrayList<>(policies));
            out.put("renewable", ttl != 0);
            out.put("ttl", remaining());
            out.put("type", "service");
            return out;
        }

        /** The {@code auth} block of a login response. */
        Map<String, Object> auth() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("client_token", id);
            out.put("accessor", accessor);
            out.put("policies", new ArrayList<>(policies));
            out.put("token_policies", new ArrayList<>(policies));
            out.put("metadata", meta.isEmpty() ? null : Values.copy(meta));
            out.put("lease_duration", ttl);
            out.put("renewable", ttl != 0);
            out.put("entity_id", "");
            out.put("token_type", "service");
            out.put("orphan", true);
            out.put("mfa_requirement", null);
            out.put("num_uses", 0);
            return out;
        }
    }

    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<String, String> policies = new TreeMap<>();
    private final Map<String, AclPolicy> parsed = new TreeMap<>();
    private final Token root;

    AccessControl() {
        putPolicy("default", DEFAULT_POLICY);
        root = register(new Token("hvs." + Values.random(24), Values.random(24), List.of("root"), "root",
                "auth/token/root", Map.of(), Instant.now(), 0));
    }

    Token root() {
        return root;
    }

    /**
     * Issues a token with Vault's default TTL; like Vault it also gets the "default" policy unless
     * {@code noDefaultPolicy}.
     */
    Token issue(List<String> requested, boolean noDefaultPolicy, String displayName, String path,
                Map<String, Object> meta, long ttl) {
        List<String> list = new ArrayList<>(Values.policies(requested));
        if (!noDefaultPolicy && !list.contains("default") && !list.contains("root")) {
            list.addFirst("default");
        }
        return register(new Token("hvs." + Values.random(24), Values.random(24), List.copyOf(list), displayName,
                path, meta, Instant.now(), ttl > 0 ? ttl : DEFAULT_TTL));
    }

    private Token register(Token token) {
        tokens.put(token.id(), token);
        return token;
    }

    /** The live token with this id, or null. */
    Token token(String id) {
        Token token = id == null ? null : tokens.get(id);
        if (token != null && token.expired()) {
            tokens.remove(id);
            return null;
        }
        return token;
    }

    void revoke(Token token) {
        tokens.remove(token.id());
    }

    Token renew(Token token) {
        Token renewed = new Token(token.id(), token.accessor(), token.policies(), token.displayName(), token.path(),
                token.meta(), Instant.now(), token.ttl());
        return register(renewed);
    }

    /**
     * Checks a capability the way Vault's ACL does.
     *
     * @param path the request path; a LIST carries a trailing slash
     */
    void authorize(Token token, String path, String capability, boolean list) {
        if (token.root()) {
            return;
        }
        List<AclPolicy> acl = token.policies().stream().map(parsed::get).filter(Objects::nonNull).toList();
        if (!AclPolicy.capabilities(acl, path, list).contains(capability)) {
            throw VaultError.permissionDenied();
        }
    }

    // ---- policies

    Optional<String> policy(String name) {
        if (name.equals("root")) {
            return Optional.of("");
        }
        return Optional.ofNullable(policies.get(name));
    }

    /** Stores a policy after parsing it; Vault lower-cases policy names. */
    void putPolicy(String name, String text) {
        AclPolicy policy;
        try {
            policy = AclPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest("failed to parse policy: " + e.getMessage());
        }
        policies.put(name, text);
        parsed.put(name, policy);
    }

    void deletePolicy(String name) {
        policies.remove(name);
        parsed.remove(name);
    }

    /** The ACL policy names, sorted, with "root" last as Vault lists them. */
    List<String> policyNames() {
        List<String> names = new ArrayList<>(policies.keySet());
        names.add("root");
        return names;
    }
}
