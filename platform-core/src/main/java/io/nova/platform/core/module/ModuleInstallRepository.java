package io.nova.platform.core.module;

import java.util.List;
import java.util.Optional;

import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.tenant.Tenant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

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
}
