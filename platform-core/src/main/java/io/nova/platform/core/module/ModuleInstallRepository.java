package io.nova.platform.core.module;

import java.util.List;
import java.util.Optional;

import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.tenant.Tenant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ModuleInstallRepository extends JpaRepository<ModuleInstall, Long> {

    @EntityGraph(attributePaths = {"tenant", "tenant.cluster", "cluster"})
    List<ModuleInstall> findByTenant(Tenant tenant);

    @EntityGraph(attributePaths = {"tenant", "tenant.cluster", "cluster"})
    Page<ModuleInstall> findByTenant(Tenant tenant, Pageable pageable);

    @EntityGraph(attributePaths = {"cluster"})
    List<ModuleInstall> findByCluster(Cluster cluster);

    @EntityGraph(attributePaths = {"cluster"})
    Page<ModuleInstall> findByClusterIsNotNull(Pageable pageable);

    @EntityGraph(attributePaths = {"cluster"})
    Page<ModuleInstall> findByCluster(Cluster cluster, Pageable pageable);

    @Query("select m.phase, count(m) from ModuleInstall m where m.enabled = true group by m.phase")
    List<Object[]> countEnabledByPhase();

    @Query("select m.phase, count(m) from ModuleInstall m join m.tenant t "
            + "where m.enabled = true and t.slug in :tenants group by m.phase")
    List<Object[]> countEnabledByPhaseOfTenants(java.util.Collection<String> tenants);

    @EntityGraph(attributePaths = {"tenant", "tenant.cluster", "cluster"})
    Page<ModuleInstall> findByEnabledTrueAndPhase(ModulePhase phase, Pageable pageable);

    @EntityGraph(attributePaths = {"tenant", "tenant.cluster", "cluster"})
    Page<ModuleInstall> findByEnabledTrueAndPhaseAndTenantSlugIn(ModulePhase phase, java.util.Collection<String> tenants,
                                                                  Pageable pageable);

    /** Enabled installs of the given modules by the cluster's tenants, in tenant order. */
    @Query("""
            select m from ModuleInstall m join fetch m.tenant t join t.cluster c
            where c.name = :cluster and m.enabled = true and m.moduleKey in :keys order by t.slug, m.moduleKey""")
    List<ModuleInstall> enabledTenantInstalls(String cluster, java.util.Collection<String> keys, Pageable page);

    /** The installs of some of the cluster's tenants. */
    @Query("""
            select m from ModuleInstall m join fetch m.tenant t join t.cluster tc
            where tc.name = :cluster and t.slug in :tenants order by t.slug, m.moduleKey""")
    List<ModuleInstall> findOfTenants(String cluster, java.util.Collection<String> tenants);

    /**
     * Status of the installs of some of the cluster's tenants as plain values ({@code id, tenant slug, module key,
     * observed generation, phase, message}): no entity is loaded, so nothing has to be dirty-checked before the
     * status updates that follow.
     */
    @Query("""
            select m.id, t.slug, m.moduleKey, m.observedGeneration, m.phase, m.message from ModuleInstall m
            join m.tenant t join t.cluster c where c.name = :cluster and t.slug in :tenants""")
    List<Object[]> statusOfTenants(String cluster, java.util.Collection<String> tenants);

    /** Status of the cluster's own installs: {@code id, module key, observed generation, phase, message}. */
    @Query("""
            select m.id, m.moduleKey, m.observedGeneration, m.phase, m.message
            from ModuleInstall m join m.cluster c where c.name = :cluster""")
    List<Object[]> statusOfClusterOnly(String cluster);

    /** The cluster's own installs (cluster components). */
    @Query("select m from ModuleInstall m join fetch m.cluster c where c.name = :cluster order by m.moduleKey")
    List<ModuleInstall> findOfClusterOnly(String cluster);

    /**
     * Slugs of the cluster's tenants with an enabled install the reconciler has not seen settle (not READY), at most
     * {@code limit} in slug order.
     */
    @Query(nativeQuery = true, value = """
            SELECT DISTINCT t.slug FROM module_install m JOIN tenant t ON t.id = m.tenant_id
            JOIN cluster c ON c.id = t.cluster_id
            WHERE c.name = :cluster AND m.enabled AND m.phase <> 'READY' ORDER BY t.slug LIMIT :limit""")
    List<String> unsettledTenants(String cluster, int limit);

    /**
     * Status from the reconciler for many installs in one statement (arrays of the same length, one element per
     * install); leaves the versions (the ETags) alone.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            UPDATE module_install m SET observed_generation = v.observed_generation, phase = v.phase,
                   message = v.message
            FROM unnest(CAST(:ids AS bigint[]), CAST(:observedGenerations AS bigint[]), CAST(:phases AS varchar[]),
                        CAST(:messages AS varchar[])) AS v(id, observed_generation, phase, message)
            WHERE m.id = v.id""")
    int recordStatuses(Long[] ids, Long[] observedGenerations, String[] phases, String[] messages);
}
