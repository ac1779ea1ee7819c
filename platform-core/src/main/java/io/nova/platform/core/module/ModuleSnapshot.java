package io.nova.platform.core.module;

import java.util.Map;

/** A module install as the renderer sees it; {@code tenant} is null for a cluster module. */
public record ModuleSnapshot(String tenant, ModuleDefinition module, boolean enabled, String version,
                             Map<String, Object> values, SecretDelivery secretDelivery, long generation,
                             String uiUrl) {
}
