package io.nova.platform.core.quota;

import java.util.List;
import java.util.Optional;

import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.tenant.Tenant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface GpuQuotaRepository extends JpaRepository<GpuQuota, Long> {

    @EntityGraph(attributePaths = {"pool", "pool.cluster", "tenant", "resources"})
    Optional<GpuQuota> findByTenantAndPool(Tenant tenant, GpuPool pool);

    /** Resources are loaded in one batch for the page (hibernate.default_batch_fetch_size), not per quota. */
    @EntityGraph(attributePaths = {"pool", "pool.cluster", "tenant"})
    Page<GpuQuota> findByTenant(Tenant tenant, Pageable pageable);

    @EntityGraph(attributePaths = {"tenant", "resources"})
    List<GpuQuota> findByPool(GpuPool pool);

    /** The quotas of some of the cluster's tenants, with their amounts. */
    @EntityGraph(attributePaths = {"pool", "tenant", "resources"})
    @Query("""
            select q from GpuQuota q join q.tenant t join q.pool p join t.cluster c
            where c.name = :cluster and t.slug in :tenants order by t.slug, p.name""")
    List<GpuQuota> findOfTenants(String cluster, java.util.Collection<String> tenants);

    @EntityGraph(attributePaths = {"pool", "resources"})
    List<GpuQuota> findByPoolIn(java.util.Collection<GpuPool> pools);

    /** Per pool and resource name, what the cluster's tenants are guaranteed together: {pool, resource, sum}. */
    @Query("""
            select p.name, key(r), sum(r.guaranteed) from GpuQuota q join q.pool p join p.cluster c join q.resources r
            where c.name = :cluster group by p.name, key(r)""")
    List<Object[]> guaranteedTotals(String cluster);

    @Query("select concat('tenants/', q.tenant.slug, '/gpu-quotas/', q.pool.name) from GpuQuota q "
            + "where q.pool = :pool order by q.tenant.slug")
    List<String> holders(GpuPool pool);
}
