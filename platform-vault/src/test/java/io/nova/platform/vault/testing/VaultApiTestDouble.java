package io.nova.platform.vault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test double that follows the OpenBao/Vault HTTP API documentation for the endpoints the Nova Platform uses; it
 * is not a Vault. An in-process, stateful HTTP server on 127.0.0.1 (plain HTTP, a free port), initialized and
 * unsealed, with a root token: paths under {@code /v1/}, the {@code X-Vault-Token} (or {@code Authorization: Bearer})
 * header, {@code {"errors": [...]}} error bodies, the response envelope, LIST also as {@code GET ?list=true}, and ACL
 * policies checked per request with the capability the method needs (a write is {@code create} when the object does
 * not exist yet, else {@code update}).
 *
 * <p>Implemented: {@code sys/health}, {@code sys/seal-status}, {@code sys/mounts[/:path[/tune]]},
 * {@code sys/auth[/:path]}, {@code sys/policies/acl[/:name]}, KV version 1 and 2 on any {@code kv} mount, the token
 * auth method ({@code lookup-self}, {@code renew-self}, {@code revoke-self}), AppRole login, the Kubernetes auth
 * method ({@code config}, {@code role}, {@code login}), identity groups, and the identity OIDC provider (keys,
 * scopes, providers, assignments, clients). Anything else answers as Vault does for a path it has no handler for.
 * {@code X-Vault-Namespace} is accepted and ignored: there is only the root namespace. Nothing is encrypted or
 * persisted, no token is ever signed, and a Kubernetes login trusts any JWT.
 *
 * <p>Besides the HTTP API the double offers inspection and manipulation for tests: {@link #stored}, {@link #tamper},
 * {@link #remove}, {@link #requests}, {@link #allSecretValues}, and {@link #seal}/{@link #unseal}/{@link #stop}.
 */
public final class VaultApiTestDouble implements AutoCloseable {

    private final Object lock = new Object();
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AccessControl access = new AccessControl();
    private final Mounts mounts = new Mounts();
    private final KvBackend kv = new KvBackend();
    private final OidcBackend oidc;
    private final IdentityBackend identity;
    private final SystemBackend system;
    private final TokenBackend tokenAuth = new TokenBackend(access);
    private final AppRoleBackend appRole = new AppRoleBackend(access);
    private final KubernetesAuthBackend kubernetes = new KubernetesAuthBackend(access);
    private final Backend unsupported = new Backend() {
        @Override
        public Reply handle(Call call) {
            throw VaultError.unsupportedPath();
        }

        @Override
        public boolean exists(Mount mount, String sub) {
            return false;
        }
    };
    private volatile boolean sealed;
    private volatile boolean stopped;

    private VaultApiTestDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        oidc = new OidcBackend(uri::toString);
        identity = new IdentityBackend(oidc);
        system = new SystemBackend(mounts, access, kv, () -> sealed, mount -> backend(mount).unmounted(mount));
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a double on 127.0.0.1 and a free port: plain HTTP, initialized, unsealed, with a root token. */
    public static VaultApiTestDouble start() {
        try {
            return new VaultApiTestDouble();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Vault API test double", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without {@code /v1}; still answers with the old address after {@link #stop}. */
    public URI uri() {
        return uri;
    }

    public String rootToken() {
        return access.root().id();
    }

    /**
     * A token with these ACL policies (stored or not; a missing policy grants nothing) and, as Vault gives every
     * token by default, the {@code default} policy. TTL 768h.
     */
    public String createToken(String... policies) {
        synchronized (lock) {
            return access.issue(List.of(policies), false, "token", "auth/token/create", Map.of(), 0).id();
        }
    }

    /** Seals: every endpoint answers 503 {@code Vault is sealed} except {@code sys/health} and {@code sys/seal-status}. */
    public void seal() {
        sealed = true;
    }

    public void unseal() {
        sealed = false;
    }

    /** Closes the listener: afterwards connections to {@link #uri()} are refused. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- inspection and manipulation

    /**
     * The raw stored fields of the object at an API path without {@code /v1/}: an OIDC client (with
     * {@code client_id} and {@code client_secret}), key, scope, provider or assignment, an ACL policy
     * ({@code name}, {@code policy}), a Kubernetes auth role (the fields as written), a group (by name or id), a mount
     * ({@code sys/mounts/nova}), and for KV version 2 {@code <mount>/data/<path>} the latest version's data map
     * ({@code <mount>/metadata/<path>} its metadata). Empty when absent or deleted. The map is a copy.
     */
    public Optional<Map<String, Object>> stored(String path) {
        synchronized (lock) {
            String clean = clean(path);
            Mount mount = mounts.match(clean);
            return mount == null ? Optional.empty() : backend(mount).stored(mount, sub(clean, mount)).map(Values::copy);
        }
    }

    /**
     * Merges fields into a stored object as a manual change in Vault would, without the API's validation; a KV v2
     * secret gets a new version. Throws {@link NoSuchElementException} when nothing is stored there.
     */
    public void tamper(String path, Map<String, Object> fields) {
        synchronized (lock) {
            String clean = clean(path);
            Mount mount = mounts.match(clean);
            if (mount == null) {
                throw new NoSuchElementException("no mount for " + clean);
            }
            backend(mount).tamper(mount, sub(clean, mount), fields);
        }
    }

    /** Removes a stored object (a KV v2 secret with all its versions) without the API's checks; absent is fine. */
    public void remove(String path) {
        synchronized (lock) {
            String clean = clean(path);
            Mount mount = mounts.match(clean);
            if (mount != null) {
                backend(mount).remove(mount, sub(clean, mount));
            }
        }
    }

    /** {@code "METHOD /v1/path"} of every request so far, in order; list calls as {@code LIST}, without query. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every OIDC client secret generated so far, also of clients deleted since. */
    public Set<String> allSecretValues() {
        synchronized (lock) {
            var all = new java.util.HashSet<>(oidc.secrets());
            all.addAll(kv.credentialValues(16));
            return Set.copyOf(all);
        }
    }

    /** Enables the Kubernetes auth method at {@code auth/kubernetes/} (no-op if it is enabled). */
    public void enableKubernetesAuth() {
        enableAuth("kubernetes");
    }

    /** Enables AppRole at {@code auth/approle/} if needed and registers a role whose logins get these policies. */
    public void enableAppRole(String roleId, String secretId, String... policies) {
        synchronized (lock) {
            enableAuth("approle");
            appRole.addRole(roleId, secretId, List.of(policies));
        }
    }

    private void enableAuth(String type) {
        synchronized (lock) {
            if (mounts.get("auth/" + type + "/") == null) {
                mounts.add(new Mount("auth/" + type + "/", type, true, false, "", null));
            }
        }
    }

    @Override
    public String toString() {
        return "VaultApiTestDouble[" + uri + (sealed ? ", sealed" : "") + (stopped ? ", stopped" : "") + "]";
    }

    // ---- HTTP

    private record Response(int status, Object body) {
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            Map<String, Object> query = query(exchange.getRequestURI().getRawQuery());
            boolean list = method.equals("LIST") || (method.equals("GET") && isTrue(query.remove("list")));
            requests.add((list ? "LIST" : method) + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            Response response;
            try {
                response = dispatch(method, list, path, query, body, exchange.getRequestHeaders());
            } catch (VaultError e) {
                response = new Response(e.status(), Map.of("errors", e.errors()));
            } catch (RuntimeException e) {
                response = new Response(500, Map.of("errors", List.of(VaultError.multi(String.valueOf(e)))));
            }
            send(exchange, response, method.equals("HEAD"));
        } catch (IOException e) {
            // the client went away
        }
    }

    private Response dispatch(String method, boolean list, String rawPath, Map<String, Object> query, byte[] body,
                              Headers headers) {
        if (!rawPath.startsWith("/v1/")) {
            throw VaultError.notFound();
        }
        String path = clean(rawPath);
        if (path.equals("sys/health") || path.equals("sys/seal-status")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw VaultError.unsupportedOperation();
            }
            Reply reply = path.equals("sys/health") ? system.health(query) : system.sealStatus();
            return new Response(reply.status(), reply.raw());
        }
        if (sealed) {
            throw VaultError.sealed();
        }
        Backend.Op op = switch (method) {
            case "GET" -> list ? Backend.Op.LIST : Backend.Op.READ;
            case "LIST" -> Backend.Op.LIST;
            case "POST", "PUT" -> Backend.Op.WRITE;
            case "DELETE" -> Backend.Op.DELETE;
            case "PATCH" -> Backend.Op.PATCH;
            default -> throw VaultError.unsupportedOperation();
        };
        Map<String, Object> data = op == Backend.Op.READ || op == Backend.Op.LIST ? query : json(body);
        synchronized (lock) {
            Mount mount = mounts.match(path);
            Backend backend = mount == null ? null : backend(mount);
            String sub = mount == null ? "" : sub(path, mount);
            AccessControl.Token token = null;
            if (backend == null || !backend.unauthenticated(sub)) {
                token = access.token(token(headers));
                if (token == null) {
                    throw VaultError.invalidToken();
                }
                String capability = switch (op) {
                    case READ -> "read";
                    case LIST -> "list";
                    case DELETE -> "delete";
                    case PATCH -> "patch";
                    case WRITE -> backend != null && backend.exists(mount, sub) ? "update" : "create";
                };
                access.authorize(token, list ? path + "/" : path, capability, list);
            }
            if (mount == null) {
                throw VaultError.noHandler(path);
            }
            Reply reply = backend.handle(new Backend.Call(op, path, mount, sub, data, token));
            return render(reply, mount, path.startsWith("sys/"));
        }
    }

    /** The response envelope; {@code sys/} responses also carry their data at the top level, as Vault's do. */
    private static Response render(Reply reply, Mount mount, boolean dataAtTopLevel) {
        if (reply.raw() != null) {
            return new Response(reply.status(), reply.raw());
        }
        if (reply.data() == null && reply.auth() == null && reply.warnings() == null) {
            return new Response(204, null);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("request_id", Values.uuid());
        envelope.put("lease_id", "");
        envelope.put("renewable", false);
        envelope.put("lease_duration", 0);
        envelope.put("data", reply.data());
        envelope.put("wrap_info", null);
        envelope.put("warnings", reply.warnings());
        envelope.put("auth", reply.auth());
        envelope.put("mount_type", mount.type());
        if (dataAtTopLevel && reply.data() != null) {
            reply.data().forEach(envelope::putIfAbsent);
        }
        return new Response(reply.status(), envelope);
    }

    private static void send(HttpExchange exchange, Response response, boolean head) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = Values.JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (head) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private Backend backend(Mount mount) {
        return switch (mount.type()) {
            case "system" -> system;
            case "identity" -> identity;
            case "kv" -> kv;
            case "token" -> tokenAuth;
            case "approle" -> appRole;
            case "kubernetes" -> kubernetes;
            default -> unsupported;
        };
    }

    /** A request path below {@code /v1/} without empty segments and without leading or trailing slashes. */
    private static String clean(String path) {
        String trimmed = path.startsWith("/v1/") ? path.substring(4) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    private static String sub(String path, Mount mount) {
        String slashed = path + "/";
        String sub = slashed.substring(mount.path().length());
        return sub.endsWith("/") ? sub.substring(0, sub.length() - 1) : sub;
    }

    private static String token(Headers headers) {
        String token = headers.getFirst("X-Vault-Token");
        if (token == null || token.isBlank()) {
            String authorization = headers.getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = authorization.substring(7).trim();
            }
        }
        return token == null || token.isBlank() ? null : token.trim();
    }

    /** Go's {@code strconv.ParseBool} true values. */
    private static boolean isTrue(Object value) {
        return value != null && List.of("1", "t", "T", "true", "TRUE", "True").contains(String.valueOf(value));
    }

    private static Map<String, Object> query(String raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object parsed;
        try {
            parsed = Values.JSON.readValue(text, Object.class);
        } catch (RuntimeException e) {
            throw VaultError.badRequest("failed to parse JSON input: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw VaultError.badRequest("failed to parse JSON input: expected a JSON object");
        }
        return (Map<String, Object>) map;
    }
}
