package io.nova.platform.core.tenant;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TenantRepository extends JpaRepository<Tenant, Long> {

    @EntityGraph(attributePaths = "cluster")
    Optional<Tenant> findBySlug(String slug);

    @EntityGraph(attributePaths = "cluster")
    Page<Tenant> findAllBy(Pageable pageable);

    @EntityGraph(attributePaths = "cluster")
    Page<Tenant> findByClusterName(String cluster, Pageable pageable);

    boolean existsBySlug(String slug);

    boolean existsByClusterNameAndNamespace(String cluster, String namespace);
}
