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

    /** Tenant installs of the cluster's tenants and the cluster's own installs. */
    @Query("""
            select m from ModuleInstall m left join fetch m.tenant t left join t.cluster tc left join fetch m.cluster c
            where tc.name = :cluster or c.name = :cluster order by t.slug nulls first, m.moduleKey""")
    List<ModuleInstall> findAllOfCluster(String cluster);

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
