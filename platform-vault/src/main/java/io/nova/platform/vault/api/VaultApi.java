package io.nova.platform.vault.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Vault HTTP operations the provisioners need, with paths relative to {@code /v1/}. Implementations translate
 * every failure into a {@link VaultApiException}; a missing object is an empty result, never an exception.
 */
public interface VaultApi {

    /**
     * Reads an object. Returns its {@code data} map when the response has one, otherwise the response body without
     * the response envelope (some endpoints such as {@code sys/policies/acl/:name} answer at the top level).
     */
    Optional<Map<String, Object>> read(String path);

    /** The keys under a path ({@code LIST}); empty when there are none (Vault answers 404 then). */
    List<String> list(String path);

    /** Creates or updates an object; returns the response's {@code data} if it has any. */
    Optional<Map<String, Object>> write(String path, Map<String, ?> body);

    /** Deletes an object; deleting something that does not exist is not an error. */
    void delete(String path);

    /** Where this API points, for messages: {@code Vault at https://vault.example.com:8200}. */
    String describe();
}
