package io.nova.platform.core.quota;

import java.util.Map;
import java.util.TreeMap;

import io.nova.platform.core.common.VersionedEntity;
import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.tenant.Tenant;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/** A tenant's share of one GPU pool, per resource name the pool offers. */
@Entity
@Table(name = "gpu_quota")
public class GpuQuota extends VersionedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false, updatable = false)
    private Tenant tenant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "pool_id", nullable = false, updatable = false)
    private GpuPool pool;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "gpu_quota_resource", joinColumns = @JoinColumn(name = "quota_id"))
    @MapKeyColumn(name = "resource_name")
    private Map<String, QuotaAmount> resources = new TreeMap<>();

    protected GpuQuota() {
    }

    GpuQuota(Tenant tenant, GpuPool pool) {
        this.tenant = tenant;
        this.pool = pool;
    }

    /** Replaces the amounts; Hibernate bumps the version when the collection changes. */
    void apply(Map<String, QuotaAmount> amounts) {
        resources.keySet().retainAll(amounts.keySet());
        resources.putAll(amounts);
    }

    public Tenant tenant() {
        return tenant;
    }

    public GpuPool pool() {
        return pool;
    }

    public Map<String, QuotaAmount> resources() {
        return new TreeMap<>(resources);
    }
}
