package io.nova.platform.core.serving;

import java.util.List;
import java.util.Optional;

import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.tenant.Tenant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ModelDeploymentRepository extends JpaRepository<ModelDeployment, Long> {

    @EntityGraph(attributePaths = {"tenant", "tenant.cluster", "pool"})
    Page<ModelDeployment> findByTenant(Tenant tenant, Pageable pageable);

    @EntityGraph(attributePaths = {"tenant", "tenant.cluster", "pool"})
    Optional<ModelDeployment> findByTenantAndName(Tenant tenant, String name);

    boolean existsByTenantAndName(Tenant tenant, String name);

    /** GPUs per resource name the tenant's deployments on the pool take, leaving out one deployment (or none). */
    @Query("""
            select d.resourceName as resource, sum(d.gpusTotal) as gpus from ModelDeployment d
            where d.tenant = :tenant and d.pool = :pool and (:except is null or d.id <> :except)
            group by d.resourceName""")
    List<ResourceUse> usage(Tenant tenant, GpuPool pool, Long except);

    interface ResourceUse {
        String getResource();

        Long getGpus();
    }

    @Query("""
            select d from ModelDeployment d join fetch d.tenant t join fetch t.cluster c join fetch d.pool
            where c.name = :cluster and t.slug in :tenants order by t.slug, d.name""")
    List<ModelDeployment> findOfTenants(String cluster, java.util.Collection<String> tenants);

    /** Slugs of the cluster's tenants with a deployment that has not settled (not READY), at most {@code limit}. */
    @Query(nativeQuery = true, value = """
            SELECT DISTINCT t.slug FROM model_deployment d JOIN tenant t ON t.id = d.tenant_id
            JOIN cluster c ON c.id = t.cluster_id
            WHERE c.name = :cluster AND d.phase <> 'READY' ORDER BY t.slug LIMIT :limit""")
    List<String> unsettledTenants(String cluster, int limit);

    /** Every deployment on the pool but one (or none), of every tenant: bounded by the pool's time-slices. */
    @Query("""
            select d from ModelDeployment d join fetch d.tenant
            where d.pool = :pool and (:except is null or d.id <> :except)""")
    List<ModelDeployment> onPool(GpuPool pool, Long except);

    @Query("select d.tenant.slug || '/' || d.name from ModelDeployment d where d.pool = :pool order by 1")
    List<String> namesOnPool(GpuPool pool);

    /** Status from the reconciler; leaves the version (the ETag) alone and writes nothing when nothing changed. */
    @Modifying
    @Query(nativeQuery = true, value = """
            UPDATE model_deployment SET observed_generation = :observedGeneration, phase = :phase, message = :message,
                   endpoint_url = COALESCE(CAST(:endpointUrl AS varchar), endpoint_url)
            WHERE id = :id AND (observed_generation <> :observedGeneration OR phase <> :phase
                                OR message IS DISTINCT FROM CAST(:message AS varchar)
                                OR (CAST(:endpointUrl AS varchar) IS NOT NULL
                                    AND endpoint_url IS DISTINCT FROM CAST(:endpointUrl AS varchar)))""")
    int recordStatus(long id, long observedGeneration, String phase, String message, String endpointUrl);
}
