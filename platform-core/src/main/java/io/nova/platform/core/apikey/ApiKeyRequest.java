package io.nova.platform.core.apikey;

/** Body of a key creation: the key's name (a DNS label, unique in the tenant). */
public record ApiKeyRequest(String name) {
}
