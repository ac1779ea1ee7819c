package io.nova.platform.core.quota;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code guaranteed}/{@code limit} are present when the pool offers one resource; {@code resources} always. */
public record GpuQuotaView(String tenant, String pool, String cluster,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long guaranteed,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long limit,
                           Map<String, QuotaAmount> resources, long resourceVersion, Instant createdAt, Instant updatedAt) {
}
