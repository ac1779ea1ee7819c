package io.nova.platform.core.tenant;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TenantRepository extends JpaRepository<Tenant, Long>,
        org.springframework.data.jpa.repository.JpaSpecificationExecutor<Tenant> {

    @EntityGraph(attributePaths = "cluster")
    Optional<Tenant> findBySlug(String slug);

    /** Serializes changes that span several rows of one tenant (module dependencies, deletion). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Tenant t join fetch t.cluster where t.slug = :slug")
    Optional<Tenant> lockBySlug(String slug);

    boolean existsBySlug(String slug);

    // nova_text_array (V14) is the expression the group indexes are built on: the lookups must use it as it is
    @Query(nativeQuery = true,
            value = "SELECT * FROM tenant WHERE nova_text_array(owner_groups) && CAST(:groups AS text[]) ORDER BY slug",
            countQuery = "SELECT count(*) FROM tenant WHERE nova_text_array(owner_groups) && CAST(:groups AS text[])")
    Page<Tenant> findByAnyOwnerGroup(String[] groups, Pageable pageable);

    @Query(nativeQuery = true,
            value = "SELECT * FROM tenant WHERE nova_text_array(owner_groups) && CAST(:groups AS text[])"
                    + " OR nova_text_array(member_groups) && CAST(:groups AS text[]) ORDER BY slug",
            countQuery = "SELECT count(*) FROM tenant WHERE nova_text_array(owner_groups) && CAST(:groups AS text[])"
                    + " OR nova_text_array(member_groups) && CAST(:groups AS text[])")
    Page<Tenant> findByAnyOwnerOrMemberGroup(String[] groups, Pageable pageable);

    @Query(nativeQuery = true, value = "SELECT EXISTS (SELECT 1 FROM tenant WHERE nova_text_array(owner_groups) && "
            + "CAST(:groups AS text[]) OR nova_text_array(member_groups) && CAST(:groups AS text[]))")
    boolean existsByAnyOwnerOrMemberGroup(String[] groups);

    boolean existsByClusterNameAndNamespace(String cluster, String namespace);

    @EntityGraph(attributePaths = "cluster")
    @Query("select t from Tenant t join t.cluster c where c.name = :cluster and t.slug in :slugs order by t.slug")
    java.util.List<Tenant> findOfCluster(String cluster, java.util.Collection<String> slugs);

    /**
     * Each tenant of the cluster with the revision of what its objects are rendered from (see {@link TenantRevision}),
     * by slug: slug, namespace and revision per row, plain values (a projection per row costs a proxy each, which
     * shows at 10,000 tenants). One statement over an index that holds every column it reads.
     */
    @Query(nativeQuery = true, value = """
            SELECT t.slug AS slug, t.namespace AS namespace, t.revision AS revision
            FROM tenant t WHERE t.cluster_id = (SELECT c.id FROM cluster c WHERE c.name = :cluster)
            ORDER BY t.slug""")
    java.util.List<Object[]> revisionsOfCluster(String cluster);
}
