package io.nova.platform.vault.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The OIDC provider of the identity engine (secret_identity_oidc-provider.mdx) and its named keys
 * (secret_identity_tokens.mdx): {@code identity/oidc/key|scope|provider|assignment|client/:name} and
 * {@code identity/oidc/config}. Objects are stored as Vault keeps them (TTLs in seconds) and rendered on read.
 * Like Vault, the key {@code default}, the assignment {@code allow_all} and the provider {@code default} exist from
 * the start.
 */
final class OidcBackend {

    private static final long DAY = 86_400;
    private static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
            "EdDSA");
    private static final List<String> RESERVED_CLAIMS = List.of("iat", "aud", "exp", "iss", "sub", "namespace",
            "nonce", "auth_time", "at_hash", "c_hash");

    private final Supplier<String> apiAddress;
    private final Map<String, Map<String, Object>> keys = new TreeMap<>();
    private final Map<String, Map<String, Object>> scopes = new TreeMap<>();
    private final Map<String, Map<String, Object>> providers = new TreeMap<>();
    private final Map<String, Map<String, Object>> assignments = new TreeMap<>();
    private final Map<String, Map<String, Object>> clients = new TreeMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private String issuer = "";

    /** @param apiAddress Vault's api_addr, the default issuer: {@code http://127.0.0.1:port} */
    OidcBackend(Supplier<String> apiAddress) {
        this.apiAddress = apiAddress;
        keys.put("default", Values.map("name", "default", "algorithm", "RS256", "rotation_period", DAY,
                "verification_ttl", DAY, "allowed_client_ids", new ArrayList<>(List.of("*"))));
        assignments.put("allow_all", Values.map("name", "allow_all", "group_ids", new ArrayList<>(List.of("*")),
                "entity_ids", new ArrayList<>(List.of("*"))));
        providers.put("default", Values.map("name", "default", "issuer", "", "allowed_client_ids",
                new ArrayList<>(List.of("*")), "scopes_supported", new ArrayList<>()));
    }

    /** Every client secret generated so far, including those of deleted clients. */
    Set<String> secrets() {
        return Set.copyOf(secrets);
    }

    Reply handle(Backend.Call call) {
        String sub = call.sub().substring("oidc/".length());
        if (sub.equals("config")) {
            return config(call);
        }
        String[] parts = sub.split("/", 3);
        Map<String, Map<String, Object>> store = store(parts[0]);
        if (store == null) {
            throw VaultError.unsupportedPath();
        }
        if (parts.length == 1) {
            if (call.op() != Backend.Op.LIST) {
                throw VaultError.unsupportedOperation();
            }
            return list(call, parts[0], store);
        }
        String name = Backend.name(parts[1]);
        if (parts.length == 3) {
            if (parts[0].equals("key") && parts[2].equals("rotate") && call.op() == Backend.Op.WRITE) {
                if (!keys.containsKey(name)) {
                    throw VaultError.badRequest("no named key found at \"" + name + "\"");
                }
                return Reply.noContent();
            }
            throw VaultError.unsupportedPath();
        }
        return switch (call.op()) {
            case READ -> Reply.data(render(parts[0], Optional.ofNullable(store.get(name))
                    .orElseThrow(VaultError::notFound)));
            case WRITE -> {
                Map<String, Object> existing = store.get(name);
                Map<String, Object> updated = switch (parts[0]) {
                    case "key" -> writeKey(call, name, existing);
                    case "scope" -> writeScope(call, name, existing);
                    case "provider" -> writeProvider(call, name, existing);
                    case "assignment" -> writeAssignment(call, name, existing);
                    default -> writeClient(call, name, existing);
                };
                store.put(name, updated);
                yield Reply.noContent();
            }
            case DELETE -> {
                checkDelete(parts[0], name);
                store.remove(name);
                yield Reply.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private Map<String, Map<String, Object>> store(String kind) {
        return switch (kind) {
            case "key" -> keys;
            case "scope" -> scopes;
            case "provider" -> providers;
            case "assignment" -> assignments;
            case "client" -> clients;
            default -> null;
        };
    }

    private Reply list(Backend.Call call, String kind, Map<String, Map<String, Object>> store) {
        if (!kind.equals("client") && !kind.equals("provider")) {
            return Reply.keys(store.keySet());
        }
        String allowed = Values.text(call.get("allowed_client_id"));
        List<String> names = new ArrayList<>();
        Map<String, Object> info = new TreeMap<>();
        store.forEach((name, object) -> {
            List<String> ids = Values.strings(object.get("allowed_client_ids"));
            if (kind.equals("provider") && !allowed.isEmpty() && !ids.contains("*") && !ids.contains(allowed)) {
                return;
            }
            Map<String, Object> rendered = render(kind, object);
            rendered.remove("client_secret");
            names.add(name);
            info.put(name, rendered);
        });
        return Reply.keys(names, info);
    }

    /** An object as {@code GET identity/oidc/<kind>/:name} answers it. */
    private Map<String, Object> render(String kind, Map<String, Object> object) {
        return switch (kind) {
            case "key" -> Values.map("algorithm", object.get("algorithm"),
                    "allowed_client_ids", Values.copy(object.get("allowed_client_ids")),
                    "rotation_period", object.get("rotation_period"),
                    "verification_ttl", object.get("verification_ttl"));
            case "scope" -> Values.map("description", object.get("description"), "template", object.get("template"));
            case "provider" -> Values.map("allowed_client_ids", Values.copy(object.get("allowed_client_ids")),
                    "issuer", effectiveIssuer(object),
                    "scopes_supported", Values.copy(object.get("scopes_supported")));
            case "assignment" -> Values.map("entity_ids", Values.copy(object.get("entity_ids")),
                    "group_ids", Values.copy(object.get("group_ids")));
            default -> {
                Map<String, Object> out = Values.map("access_token_ttl", object.get("access_token_ttl"),
                        "assignments", Values.copy(object.get("assignments")),
                        "client_id", object.get("client_id"));
                if ("confidential".equals(object.get("client_type"))) {
                    out.put("client_secret", object.get("client_secret"));
                }
                out.put("client_type", object.get("client_type"));
                out.put("id_token_ttl", object.get("id_token_ttl"));
                out.put("key", object.get("key"));
                out.put("redirect_uris", Values.copy(object.get("redirect_uris")));
                yield out;
            }
        };
    }

    private String effectiveIssuer(Map<String, Object> provider) {
        String base = Values.text(provider.get("issuer"));
        if (base.isEmpty()) {
            base = issuer.isEmpty() ? apiAddress.get() : issuer;
        }
        return base + "/v1/identity/oidc/provider/" + provider.get("name");
    }

    // ---- writes; unspecified fields keep their stored values

    private Map<String, Object> writeKey(Backend.Call call, String name, Map<String, Object> existing) {
        Map<String, Object> key = existing != null ? Values.copy(existing) : Values.map("name", name, "algorithm",
                "RS256", "rotation_period", DAY, "verification_ttl", DAY, "allowed_client_ids", new ArrayList<>());
        if (call.has("algorithm")) {
            String algorithm = Values.text(call.get("algorithm"));
            if (!ALGORITHMS.contains(algorithm)) {
                throw VaultError.badRequest("unknown signing algorithm \"" + algorithm + "\"");
            }
            key.put("algorithm", algorithm);
        }
        for (String ttl : List.of("rotation_period", "verification_ttl")) {
            if (call.has(ttl)) {
                key.put(ttl, Values.seconds(call.get(ttl), ttl));
            }
        }
        if (call.has("allowed_client_ids")) {
            key.put("allowed_client_ids", Values.strings(call.get("allowed_client_ids")));
        }
        if (Values.integer(key.get("verification_ttl"), "verification_ttl")
                > 10 * Values.integer(key.get("rotation_period"), "rotation_period")) {
            throw VaultError.badRequest("verification_ttl cannot be longer than 10x rotation_period");
        }
        return key;
    }

    private Map<String, Object> writeScope(Backend.Call call, String name, Map<String, Object> existing) {
        if (name.equals("openid")) {
            throw VaultError.badRequest("the \"openid\" scope name is reserved");
        }
        Map<String, Object> scope = existing != null ? Values.copy(existing)
                : Values.map("name", name, "template", "", "description", "");
        if (call.has("description")) {
            scope.put("description", Values.text(call.get("description")));
        }
        if (call.has("template")) {
            String template = decodeIfBase64(Values.text(call.get("template")));
            validateTemplate(template);
            scope.put("template", template);
        }
        return scope;
    }

    /** The template with its {@code {{...}}} placeholders filled must be a JSON object without reserved claims. */
    private static void validateTemplate(String template) {
        if (template.isBlank()) {
            return;
        }
        Map<?, ?> parsed;
        try {
            parsed = Values.JSON.readValue(template.replaceAll("\\{\\{[^}]*}}", "null"), Map.class);
        } catch (RuntimeException e) {
            throw VaultError.badRequest("error parsing template JSON: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        for (String claim : RESERVED_CLAIMS) {
            if (parsed.containsKey(claim)) {
                throw VaultError.badRequest("top level key \"" + claim + "\" not allowed. Restricted keys: "
                        + String.join(", ", RESERVED_CLAIMS));
            }
        }
    }

    private static String decodeIfBase64(String text) {
        if (text.isEmpty() || !text.matches("[A-Za-z0-9+/]+=*") || text.length() % 4 != 0) {
            return text;
        }
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private Map<String, Object> writeProvider(Backend.Call call, String name, Map<String, Object> existing) {
        Map<String, Object> provider = existing != null ? Values.copy(existing) : Values.map("name", name,
                "issuer", "", "allowed_client_ids", new ArrayList<>(), "scopes_supported", new ArrayList<>());
        if (call.has("issuer")) {
            String value = Values.text(call.get("issuer"));
            if (!value.isEmpty() && !isBareOrigin(value)) {
                throw VaultError.badRequest("invalid issuer, which must include only a scheme, host, and optional "
                        + "port (e.g. https://example.com:8200)");
            }
            provider.put("issuer", value);
        }
        if (call.has("allowed_client_ids")) {
            provider.put("allowed_client_ids", Values.strings(call.get("allowed_client_ids")));
        }
        if (call.has("scopes_supported")) {
            List<String> wanted = Values.strings(call.get("scopes_supported"));
            for (String scope : wanted) {
                if (!scopes.containsKey(scope)) {
                    throw VaultError.badRequest("scope \"" + scope + "\" does not exist");
                }
            }
            provider.put("scopes_supported", wanted);
        }
        return provider;
    }

    private static boolean isBareOrigin(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }

    private Map<String, Object> writeAssignment(Backend.Call call, String name, Map<String, Object> existing) {
        if (name.equals("allow_all")) {
            throw VaultError.badRequest("modification of assignment \"allow_all\" not allowed");
        }
        Map<String, Object> assignment = existing != null ? Values.copy(existing)
                : Values.map("name", name, "group_ids", new ArrayList<>(), "entity_ids", new ArrayList<>());
        for (String ids : List.of("group_ids", "entity_ids")) {
            if (call.has(ids)) {
                assignment.put(ids, new ArrayList<>(new LinkedHashSet<>(Values.strings(call.get(ids)))));
            }
        }
        return assignment;
    }

    private Map<String, Object> writeClient(Backend.Call call, String name, Map<String, Object> existing) {
        boolean creating = existing == null;
        Map<String, Object> client = creating ? Values.map("name", name, "key", "default", "redirect_uris",
                new ArrayList<>(), "assignments", new ArrayList<>(), "client_type", "confidential", "id_token_ttl",
                DAY, "access_token_ttl", DAY) : Values.copy(existing);
        if (call.has("client_type")) {
            String type = Values.text(call.get("client_type"));
            if (!type.equals("confidential") && !type.equals("public")) {
                throw VaultError.badRequest("invalid client_type \"" + type + "\"");
            }
            if (!creating && !type.equals(client.get("client_type"))) {
                throw VaultError.badRequest("client_type modification is not allowed");
            }
            client.put("client_type", type);
        }
        if (call.has("key")) {
            String key = Values.text(call.get("key"));
            if (key.isEmpty()) {
                throw VaultError.badRequest("the key parameter is required");
            }
            if (!creating && !key.equals(client.get("key"))) {
                throw VaultError.badRequest("key modification is not allowed");
            }
            client.put("key", key);
        }
        for (String list : List.of("redirect_uris", "assignments")) {
            if (call.has(list)) {
                client.put(list, Values.strings(call.get(list)));
            }
        }
        for (String ttl : List.of("id_token_ttl", "access_token_ttl")) {
            if (call.has(ttl)) {
                client.put(ttl, Values.seconds(call.get(ttl), ttl));
            }
        }
        Map<String, Object> key = keys.get(Values.text(client.get("key")));
        if (key == null) {
            throw VaultError.badRequest("key \"" + client.get("key") + "\" does not exist");
        }
        for (String assignment : Values.strings(client.get("assignments"))) {
            if (!assignments.containsKey(assignment)) {
                throw VaultError.badRequest("assignment \"" + assignment + "\" does not exist");
            }
        }
        if (Values.integer(client.get("id_token_ttl"), "id_token_ttl")
                > Values.integer(key.get("verification_ttl"), "verification_ttl")) {
            throw VaultError.badRequest("a client's id_token_ttl cannot be greater than the verification_ttl of "
                    + "the key it references");
        }
        if (creating) {
            client.put("client_id", Values.random(32));
            client.put("client_secret", "");
            if (client.get("client_type").equals("confidential")) {
                String secret = "hvo_secret_" + Values.random(64);
                secrets.add(secret);
                client.put("client_secret", secret);
            }
        }
        return client;
    }

    private void checkDelete(String kind, String name) {
        switch (kind) {
            case "key" -> {
                List<String> users = referencing(clients, "key", name);
                if (!users.isEmpty()) {
                    throw VaultError.badRequest("unable to delete key \"" + name + "\" because it is currently "
                            + "referenced by these clients: " + String.join(", ", users));
                }
                if (name.equals("default")) {
                    throw VaultError.badRequest("deletion of key \"default\" not allowed");
                }
            }
            case "assignment" -> {
                List<String> users = referencing(clients, "assignments", name);
                if (!users.isEmpty()) {
                    throw VaultError.badRequest("unable to delete assignment \"" + name + "\" because it is "
                            + "currently referenced by these clients: " + String.join(", ", users));
                }
                if (name.equals("allow_all")) {
                    throw VaultError.badRequest("deletion of assignment \"allow_all\" not allowed");
                }
            }
            case "scope" -> {
                List<String> users = referencing(providers, "scopes_supported", name);
                if (!users.isEmpty()) {
                    throw VaultError.badRequest("unable to delete scope \"" + name + "\" because it is currently "
                            + "referenced by these providers: " + String.join(", ", users));
                }
            }
            case "provider" -> {
                if (name.equals("default")) {
                    throw VaultError.badRequest("deletion of OIDC provider \"default\" not allowed");
                }
            }
            default -> {
            }
        }
    }

    private static List<String> referencing(Map<String, Map<String, Object>> store, String field, String name) {
        List<String> users = new ArrayList<>();
        store.forEach((user, object) -> {
            Object value = object.get(field);
            if (value instanceof List<?> list ? list.contains(name) : name.equals(value)) {
                users.add(user);
            }
        });
        return users;
    }

    private Reply config(Backend.Call call) {
        return switch (call.op()) {
            case READ -> Reply.data(Values.map("issuer", issuer));
            case WRITE -> {
                String value = Values.text(call.get("issuer"));
                if (!value.isEmpty() && !isBareOrigin(value)) {
                    throw VaultError.badRequest("invalid issuer, which must include only a scheme, host, and "
                            + "optional port (e.g. https://example.com:8200)");
                }
                issuer = value;
                if (value.isEmpty()) {
                    yield Reply.noContent();
                }
                yield new Reply(200, null, null, List.of("If \"issuer\" is set explicitly, all tokens must be "
                        + "validated against that address, including those issued by secondary clusters. Setting "
                        + "issuer to \"\" will restore the default behavior of using the cluster's api_addr as the "
                        + "issuer."), null);
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    // ---- existence and inspection; sub is relative to identity/

    private Map<String, Object> find(String sub) {
        String[] parts = sub.substring("oidc/".length()).split("/", -1);
        Map<String, Map<String, Object>> store = parts.length == 2 ? store(parts[0]) : null;
        return store == null ? null : store.get(parts[1]);
    }

    boolean exists(Mount mount, String sub) {
        String[] parts = sub.substring("oidc/".length()).split("/", -1);
        return parts.length != 2 || store(parts[0]) == null || find(sub) != null;
    }

    Optional<Map<String, Object>> stored(Mount mount, String sub) {
        return Optional.ofNullable(find(sub)).map(Values::copy);
    }

    void tamper(Mount mount, String sub, Map<String, Object> fields) {
        Map<String, Object> object = find(sub);
        if (object == null) {
            throw new NoSuchElementException("nothing stored at identity/" + sub);
        }
        object.putAll(Values.copy(fields));
    }

    void remove(Mount mount, String sub) {
        String[] parts = sub.substring("oidc/".length()).split("/", -1);
        Map<String, Map<String, Object>> store = parts.length == 2 ? store(parts[0]) : null;
        if (store != null) {
            store.remove(parts[1]);
        }
    }
}
