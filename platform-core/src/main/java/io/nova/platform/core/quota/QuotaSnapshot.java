package io.nova.platform.core.quota;

import java.util.SortedMap;

public record QuotaSnapshot(String tenant, String pool, SortedMap<String, QuotaAmount> resources) {
}
