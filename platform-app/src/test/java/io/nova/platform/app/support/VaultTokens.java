package io.nova.platform.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.nova.platform.vault.testing.VaultApiTestDouble;

/** Tokens for the platform in tests: only the ACL policy the platform ships for its own use, nothing more. */
public final class VaultTokens {

    private VaultTokens() {
    }

    /**
     * Points the platform at {@code vault} (Kubernetes auth enabled) with a token of the shipped policy: for tests
     * that need StarVault and nothing else of it.
     */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry,
                                VaultApiTestDouble vault) {
        registry.add("nova.vault.uri", () -> vault.uri().toString());
        registry.add("nova.vault.authentication", () -> "TOKEN");
        registry.add("nova.vault.token", () -> {
            vault.enableKubernetesAuth();
            return withShippedPolicy(vault);
        });
    }

    public static String withShippedPolicy(VaultApiTestDouble vault) {
        try (var policy = VaultTokens.class.getResourceAsStream("/nova-platform-vault-policy.hcl")) {
            String hcl = new String(policy.readAllBytes(), StandardCharsets.UTF_8);
            rootCall(vault, "PUT", "sys/policies/acl/nova-platform", "{\"policy\": "
                    + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(hcl) + "}");
            return vault.createToken("nova-platform");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call with the root token, as an operator would make with the Vault CLI; fails unless Vault says 2xx. */
    public static String rootCall(VaultApiTestDouble vault, String method, String path, String json) {
        var request = HttpRequest.newBuilder(URI.create(vault.uri() + "/v1/" + path))
                .header("X-Vault-Token", vault.rootToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
