package io.nova.platform.core.cluster;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ClusterRepository extends JpaRepository<Cluster, Long> {

    Optional<Cluster> findByName(String name);

    boolean existsByName(String name);

    /** Records a reconcile outcome without touching the version, so admins' ETags stay valid. */
    @org.springframework.data.jpa.repository.Modifying(clearAutomatically = true)
    @Query(nativeQuery = true, value = """
            UPDATE cluster SET sync_state = :state, sync_message = :message,
              sync_revision = coalesce(CAST(:revision AS varchar), sync_revision),
              sync_attempted_at = :attemptedAt,
              synced_at = coalesce(CAST(:syncedAt AS timestamptz), synced_at)
            WHERE name = :name""")
    int recordSync(String name, String state, String message, String revision, java.time.Instant attemptedAt,
                   java.time.Instant syncedAt);

    /** Serializes changes that span several rows of one cluster (cluster module dependencies). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Cluster c where c.name = :name")
    Optional<Cluster> lockByName(String name);
}
