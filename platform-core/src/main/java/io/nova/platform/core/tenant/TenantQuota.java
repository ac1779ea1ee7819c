package io.nova.platform.core.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** CPU, memory and storage a tenant's namespace may request, in Kubernetes notation ({@code "16"}, {@code "64Gi"}). */
@Embeddable
public record TenantQuota(
        @Column(name = "quota_cpu") String cpu,
        @Column(name = "quota_memory") String memory,
        @Column(name = "quota_storage") String storage) {
}
