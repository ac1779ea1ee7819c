package io.nova.platform.core.gpu;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface GpuPoolRepository extends JpaRepository<GpuPool, Long> {

    @EntityGraph(attributePaths = "cluster")
    Optional<GpuPool> findByName(String name);

    /** Serializes changes that depend on the pool's capacity, such as the sum of tenants' guarantees. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from GpuPool p join fetch p.cluster where p.name = :name")
    Optional<GpuPool> lockByName(String name);

    @EntityGraph(attributePaths = "cluster")
    Page<GpuPool> findAllBy(Pageable pageable);

    @EntityGraph(attributePaths = "cluster")
    Page<GpuPool> findByClusterName(String cluster, Pageable pageable);

    boolean existsByName(String name);

    @EntityGraph(attributePaths = "cluster")
    java.util.List<GpuPool> findByClusterNameOrderByName(String cluster);
}
