package io.nova.platform.core.cluster;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ClusterRepository extends JpaRepository<Cluster, Long> {

    Optional<Cluster> findByName(String name);

    boolean existsByName(String name);

    /** Serializes changes that span several rows of one cluster (cluster module dependencies). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Cluster c where c.name = :name")
    Optional<Cluster> lockByName(String name);
}
