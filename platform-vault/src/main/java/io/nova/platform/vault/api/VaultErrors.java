package io.nova.platform.vault.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.nova.platform.vault.api.VaultApiException.Kind;
import org.springframework.vault.VaultException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * Turns what Spring Vault and the HTTP client throw into a {@link VaultApiException} with a message an administrator
 * can act on. Only Vault's {@code errors} texts are quoted, never a request or response body.
 */
public final class VaultErrors {

    private static final int MAX_DETAIL = 300;

    private VaultErrors() {
    }

    /**
     * @param address   e.g. {@code http://127.0.0.1:8200}
     * @param operation {@code read}, {@code list}, {@code create/update} or {@code delete}: the ACL capability the call
     *                  needs, named in the 403 message
     */
    public static VaultApiException translate(RuntimeException e, String address, String operation, String path) {
        if (e instanceof VaultApiException known) {
            return known;
        }
        if (e instanceof HttpStatusCodeException http) {
            return fromStatus(http.getStatusCode().value(), vaultErrors(http), address, operation, path, e);
        }
        if (e instanceof ResourceAccessException || hasIoCause(e)) {
            return unreachable(address, path, e);
        }
        if (e instanceof VaultException vault) {
            // Spring Vault's own failures, mostly from logging in (AppRole, Kubernetes) before the actual call.
            String text = Objects.toString(vault.getMessage(), vault.getClass().getSimpleName());
            if (text.contains("503") || text.toLowerCase().contains("sealed")) {
                return new VaultApiException(Kind.SEALED, 503, path, sealedMessage(address, path, ""), e);
            }
            if (text.contains("403")) {
                return new VaultApiException(Kind.FORBIDDEN, 403, path, forbiddenMessage(operation, path), e);
            }
            return new VaultApiException(Kind.LOGIN_FAILED, 0, path,
                    "The platform could not log in to Vault at %s: %s".formatted(address, shorten(text)), e);
        }
        return new VaultApiException(Kind.REJECTED, 0, path,
                "Vault call %s %s failed: %s".formatted(operation, path, shorten(String.valueOf(e.getMessage()))), e);
    }

    public static VaultApiException fromStatus(int status, String detail, String address, String operation,
                                               String path, Throwable cause) {
        return switch (status) {
            case 503 -> new VaultApiException(Kind.SEALED, status, path, sealedMessage(address, path, detail), cause);
            case 403 -> new VaultApiException(Kind.FORBIDDEN, status, path, forbiddenMessage(operation, path), cause);
            default -> new VaultApiException(Kind.REJECTED, status, path,
                    "Vault answered %d to %s %s%s".formatted(status, operation, path,
                            detail.isEmpty() ? "" : ": " + detail), cause);
        };
    }

    public static VaultApiException unreachable(String address, String path, Throwable cause) {
        return new VaultApiException(Kind.UNREACHABLE, 0, path,
                "Vault at %s is unreachable: %s".formatted(address, rootMessage(cause)), cause);
    }

    private static String sealedMessage(String address, String path, String detail) {
        return "Vault at %s is sealed (503 for %s)%s".formatted(address, path, detail.isEmpty() ? "" : ": " + detail);
    }

    private static String forbiddenMessage(String operation, String path) {
        return ("Vault refused the platform's token (403) for %s: the token's policy lacks the '%s' capability on %s "
                + "(grant it with nova-platform-vault-policy.hcl), or the token is invalid or expired")
                .formatted(path, operation, path);
    }

    /** Vault's {@code {"errors": [...]}} texts, joined and shortened; empty when the body has none. */
    @SuppressWarnings("unchecked")
    private static String vaultErrors(HttpStatusCodeException e) {
        try {
            Map<String, Object> body = e.getResponseBodyAs(Map.class);
            if (body != null && body.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
                return shorten(errors.stream().map(String::valueOf).collect(Collectors.joining("; "))
                        .replaceAll("\\s+", " ").replace("1 error occurred: * ", "").strip());
            }
        } catch (RuntimeException ignored) {
            // not JSON: say nothing rather than quote an unknown body
        }
        return "";
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The most specific cause that says something ("Connection refused"), else the kind of failure. */
    private static String rootMessage(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable t = chain.get(i);
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !(t instanceof RestClientException)) {
                return shorten(message);
            }
        }
        Throwable root = chain.getLast();
        return switch (root) {
            case ConnectException ignored -> "connection refused";
            case ClosedChannelException ignored -> "connection closed";
            case HttpTimeoutException ignored -> "timed out";
            default -> root.getClass().getSimpleName();
        };
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
