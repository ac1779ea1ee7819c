package io.nova.platform.vault.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.vault.core.VaultOperations;
import org.springframework.web.client.HttpStatusCodeException;

/**
 * {@link VaultApi} over a Spring Vault {@link VaultOperations} (a {@code VaultTemplate}): each call runs in the
 * template's authenticated session, so the token, namespace header and TLS settings are the template's.
 */
public final class SpringVaultApi implements VaultApi {

    private static final Logger log = LoggerFactory.getLogger(SpringVaultApi.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };
    /** The response envelope around an endpoint's own fields. */
    private static final Set<String> ENVELOPE = Set.of("request_id", "lease_id", "lease_duration", "renewable",
            "wrap_info", "warnings", "auth", "data", "mount_type");

    private final VaultOperations vault;
    private final String address;

    public SpringVaultApi(VaultOperations vault, String address) {
        this.vault = vault;
        this.address = address;
    }

    @Override
    public Optional<Map<String, Object>> read(String path) {
        return call(HttpMethod.GET, path, path, null, "read").map(SpringVaultApi::payload);
    }

    @Override
    public List<String> list(String path) {
        String directory = path.endsWith("/") ? path : path + "/";
        // GET with list=true is the documented equivalent of the LIST verb, which not every HTTP client can send.
        return call(HttpMethod.GET, directory, directory + "?list=true", null, "list")
                .map(SpringVaultApi::payload)
                .map(data -> data.get("keys") instanceof List<?> keys ? keys.stream().map(String::valueOf).toList()
                        : List.<String>of())
                .orElse(List.of());
    }

    @Override
    public Optional<Map<String, Object>> write(String path, Map<String, ?> body) {
        log.debug("Vault POST {}", path);
        try {
            return call(HttpMethod.POST, path, path, new HiddenBody(body), "create/update", false)
                    .map(SpringVaultApi::payload)
                    .filter(data -> !data.isEmpty());
        } catch (VaultApiException e) {
            throw redacted(e, body);
        }
    }

    @Override
    public void delete(String path) {
        log.debug("Vault DELETE {}", path);
        call(HttpMethod.DELETE, path, path, null, "delete");
    }

    @Override
    public String describe() {
        return "Vault at " + address;
    }

    /** The response body, empty for 404, an empty map for a response without a body (204). */
    private Optional<Map<String, Object>> call(HttpMethod method, String path, String uri, Object body,
                                               String operation) {
        return call(method, path, uri, body, operation, true);
    }

    /**
     * @param absentIsEmpty whether 404 means "nothing there" (reads, deletes); a write answered 404 reached no
     *                      handler (no mount at that path) and did not happen, so it fails
     */
    private Optional<Map<String, Object>> call(HttpMethod method, String path, String uri, Object body,
                                               String operation, boolean absentIsEmpty) {
        try {
            return vault.doWithSession(rest -> {
                try {
                    var response = rest.exchange(uri, method, body == null ? null : new HttpEntity<>(body),
                            JSON_OBJECT);
                    Map<String, Object> result = response.getBody();
                    return Optional.of(result == null ? Map.<String, Object>of() : result);
                } catch (HttpStatusCodeException e) {
                    if (e.getStatusCode().value() == 404 && absentIsEmpty) {
                        return Optional.<Map<String, Object>>empty();
                    }
                    throw VaultErrors.translate(e, address, operation, path);
                }
            });
        } catch (RuntimeException e) {
            throw VaultErrors.translate(e, address, operation, path);
        }
    }

    /**
     * Vault's error text is quoted in messages; make sure it cannot echo a secret that was sent: the values of a KV
     * secret ({@code data}) and of any field named like a secret, token, password or JWT.
     */
    private static VaultApiException redacted(VaultApiException e, Map<String, ?> body) {
        String message = e.getMessage();
        for (String value : secretValues(body)) {
            if (value.length() >= 4) {
                message = message.replace(value, "(hidden)");
            }
        }
        return message.equals(e.getMessage()) ? e
                : new VaultApiException(e.kind(), e.status(), e.path(), message, e.getCause());
    }

    private static List<String> secretValues(Map<String, ?> body) {
        List<String> values = new ArrayList<>();
        body.forEach((key, value) -> {
            String name = key.toLowerCase();
            if (name.equals("data") || name.contains("secret") || name.contains("token") || name.contains("password")
                    || name.contains("jwt")) {
                values.addAll(leafStrings(value));
            }
        });
        return values;
    }

    private static List<String> leafStrings(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().flatMap(v -> leafStrings(v).stream()).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().flatMap(v -> leafStrings(v).stream()).toList();
        }
        return value instanceof String text ? List.of(text) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> body) {
        if (body.get("data") instanceof Map<?, ?> data) {
            return (Map<String, Object>) data;
        }
        var fields = new LinkedHashMap<String, Object>(body);
        fields.keySet().removeAll(ENVELOPE);
        return fields;
    }
}
