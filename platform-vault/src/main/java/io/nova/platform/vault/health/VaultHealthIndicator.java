package io.nova.platform.vault.health;

import java.util.Map;

import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.api.VaultErrors;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.vault.core.VaultOperations;
import org.springframework.web.client.HttpStatusCodeException;

/**
 * Health of the platform's link to Vault, contributed as {@code vault}: UP with {@code configured}, {@code version}
 * and {@code sealed: false}; DOWN with a {@code reason} of {@code sealed}, {@code unreachable}, {@code forbidden}
 * (the platform's token was refused by {@code auth/token/lookup-self}) or {@code not initialized}; UNKNOWN when no
 * Vault is configured. Details never hold the token.
 */
public final class VaultHealthIndicator implements HealthIndicator {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final VaultOperations vault;
    private final String address;

    /** @param vault null when Vault is not configured */
    public VaultHealthIndicator(VaultOperations vault, String address) {
        this.vault = vault;
        this.address = address;
    }

    public static VaultHealthIndicator notConfigured() {
        return new VaultHealthIndicator(null, null);
    }

    @Override
    public Health health() {
        if (vault == null) {
            return Health.unknown().withDetail("configured", false).withDetail("reason", "not configured").build();
        }
        Map<String, Object> status;
        try {
            status = sysHealth();
        } catch (VaultApiException e) {
            return down(e.kind() == VaultApiException.Kind.SEALED ? "sealed" : "unreachable", e.getMessage());
        }
        if (Boolean.FALSE.equals(status.get("initialized"))) {
            return down("not initialized", "Vault at " + address + " is not initialized");
        }
        if (Boolean.TRUE.equals(status.get("sealed"))) {
            return down("sealed", "Vault at " + address + " is sealed");
        }
        try {
            lookupSelf();
        } catch (VaultApiException e) {
            String reason = switch (e.kind()) {
                case FORBIDDEN -> "forbidden";
                case SEALED -> "sealed";
                case UNREACHABLE -> "unreachable";
                case LOGIN_FAILED -> "login failed";
                case REJECTED -> "token lookup failed";
            };
            return down(reason, e.getMessage());
        }
        return Health.up().withDetail("configured", true).withDetail("address", address)
                .withDetail("version", String.valueOf(status.getOrDefault("version", "unknown")))
                .withDetail("sealed", false).build();
    }

    private Health down(String reason, String message) {
        return Health.down().withDetail("configured", true).withDetail("address", address)
                .withDetail("reason", reason).withDetail("message", message).build();
    }

    /** {@code sys/health} needs no token; sealed (503), standby (429) and uninitialized (501) still carry a body. */
    private Map<String, Object> sysHealth() {
        try {
            return vault.doWithVault(rest -> {
                try {
                    Map<String, Object> body = rest.exchange("sys/health", HttpMethod.GET, null, JSON_OBJECT).getBody();
                    return body == null ? Map.<String, Object>of() : body;
                } catch (HttpStatusCodeException e) {
                    int status = e.getStatusCode().value();
                    if (status == 503) {
                        throw VaultErrors.fromStatus(503, "", address, "read", "sys/health", e);
                    }
                    if (status == 429 || status == 501 || status == 472 || status == 473) {
                        Map<String, Object> body = bodyOf(e);
                        return status == 501 ? Map.<String, Object>of("initialized", false) : body;
                    }
                    throw VaultErrors.translate(e, address, "read", "sys/health");
                }
            });
        } catch (RuntimeException e) {
            throw VaultErrors.translate(e, address, "read", "sys/health");
        }
    }

    private void lookupSelf() {
        try {
            vault.doWithSession(rest -> {
                try {
                    return rest.exchange("auth/token/lookup-self", HttpMethod.GET, null, JSON_OBJECT).getBody();
                } catch (HttpStatusCodeException e) {
                    throw VaultErrors.translate(e, address, "read", "auth/token/lookup-self");
                }
            });
        } catch (RuntimeException e) {
            throw VaultErrors.translate(e, address, "read", "auth/token/lookup-self");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bodyOf(HttpStatusCodeException e) {
        try {
            Map<String, Object> body = e.getResponseBodyAs(Map.class);
            return body == null ? Map.of() : body;
        } catch (RuntimeException ignored) {
            return Map.of();
        }
    }
}
