package io.nova.platform.core.quota;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A tenant's quota on one pool, in the pool's resource units. For a pool with one resource name give
 * {@code guaranteed} and {@code limit} ({@code limit} defaults to {@code guaranteed}); for a pool that offers several
 * (MIG mixed) give {@code resources}.
 */
@JsonIgnoreProperties(value = {"tenant", "cluster", "resourceVersion", "createdAt", "updatedAt"}, allowGetters = true)
public record GpuQuotaSpec(String pool, Long guaranteed, Long limit, Map<String, QuotaAmount> resources) {
}
