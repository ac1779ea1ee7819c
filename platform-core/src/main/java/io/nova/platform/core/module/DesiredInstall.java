package io.nova.platform.core.module;

import java.util.Map;

/** A validated install request with defaults filled in. */
record DesiredInstall(boolean enabled, String version, Map<String, Object> values, SecretDelivery secretDelivery) {
}
