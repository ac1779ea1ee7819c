package io.nova.platform.core.apikey;

import java.time.Instant;

/** An API key as callers see it: its name and first characters, who made it and when; never the key. */
public record ModelApiKeyView(String name, String tenant, String prefix, String createdBy, Instant createdAt,
                              Instant rotatedAt) {
}
