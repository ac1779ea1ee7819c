package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.quota.QuotaAmount;
import io.nova.platform.core.quota.QuotaSnapshot;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.k8s.render.WorkloadQueueLabels.WorkloadClass;

/**
 * The GPU quota model as Kueue enforces it ({@code kueue.x-k8s.io/v1beta2}, the CRDs' storage version):
 * <ul>
 *   <li>one {@code ResourceFlavor} per GPU pool ({@code nova-pool-<pool>}: the pool's node labels, its taint, and the
 *   toleration Kueue adds to admitted pods), and {@value #DEFAULT_FLAVOR} for CPU and memory;</li>
 *   <li>one {@code Cohort} per cluster ({@code nova-<cluster>}), why not one per pool: a ClusterQueue belongs to one
 *   cohort, each tenant has one queue for all its pools, and Kueue accounts borrowing per flavor, so pools never mix.
 *   The cohort itself holds what no tenant is guaranteed (a pool's capacity minus the guarantees on it), for tenants
 *   to borrow up to their limits;</li>
 *   <li>one {@code ClusterQueue} per tenant, named after and admitting only its namespace: per pool flavor and
 *   GPU resource {@code nominalQuota} = guaranteed, {@code borrowingLimit} = limit − guaranteed, {@code lendingLimit} =
 *   guaranteed (idle guaranteed GPUs may be lent, and {@code reclaimWithinCohort} takes them back when the owner needs
 *   them); CPU and memory from the tenant's quota; every GPU resource of its pools in one resource group (a flavor must
 *   list every resource of its group, so a pool lists the others' with zero);</li>
 *   <li>one {@code LocalQueue} {@value WorkloadQueueLabels#LOCAL_QUEUE} in the tenant's namespace, which GPU workloads name with the label
 *   {@value WorkloadQueueLabels#QUEUE};</li>
 *   <li>{@code WorkloadPriorityClass}es: serving above interactive above batch; only lower priorities are preempted
 *   within a queue.</li>
 * </ul>
 * The tenant's ResourceQuota stays as the hard backstop at the limit; Kueue decides who runs within it.
 */
final class KueueRenderer {

    static final String API_VERSION = KueueNames.API_VERSION;
    static final String DEFAULT_FLAVOR = "nova-default";
    /**
     * CPU and memory of a tenant without a quota for them: what Kueue needs to admit anything (every requested
     * resource must be covered), small enough that a cohort's sum over many thousand tenants stays in range.
     */
    static final String UNLIMITED_CPU = "100k";
    static final String UNLIMITED_MEMORY = "64Ti";

    static String flavor(PoolSnapshot pool) {
        return KueueNames.flavor(pool.name());
    }

    static String cohort(String cluster) {
        return KueueNames.cohort(cluster);
    }

    /** A tenant's ClusterQueue is named after its namespace (unique in the cluster, and where it belongs in Git). */
    static String clusterQueue(TenantSnapshot tenant) {
        return tenant.namespace();
    }

    /** The cluster's flavors, cohort and priority classes. */
    List<HasMetadata> renderCluster(String cluster, List<PoolSnapshot> pools,
                                    Map<String, Map<String, Long>> guaranteedByPool) {
        var labels = Labels.owned(cluster);
        var objects = new ArrayList<HasMetadata>();
        objects.add(GenericObjects.clusterScoped(API_VERSION, "ResourceFlavor", DEFAULT_FLAVOR, labels, Map.of()));
        for (PoolSnapshot pool : pools) {
            var spec = new LinkedHashMap<String, Object>();
            if (pool.nodeSelector() != null && !pool.nodeSelector().isEmpty()) {
                spec.put("nodeLabels", new TreeMap<>(pool.nodeSelector()));
            }
            spec.put("nodeTaints", List.of(Map.of("key", PoolPlacement.TAINT, "value", pool.name(),
                    "effect", PoolPlacement.EFFECT)));
            spec.put("tolerations", PoolPlacement.tolerations(pool));
            objects.add(GenericObjects.clusterScoped(API_VERSION, "ResourceFlavor", flavor(pool), labels, spec));
        }
        objects.add(GenericObjects.clusterScoped(API_VERSION, "Cohort", cohort(cluster), labels,
                cohortSpec(pools, guaranteedByPool)));
        for (WorkloadClass workload : WorkloadClass.values()) {
            objects.add(GenericObjects.withFields(API_VERSION, "WorkloadPriorityClass", workload.priorityClass(),
                    labels, Map.of("value", workload.priority(), "description",
                            "Nova Platform: " + workload.name().toLowerCase() + " workloads")));
        }
        return objects;
    }

    /** What no tenant is guaranteed, per pool and resource, for the tenants to borrow. */
    private static Map<String, Object> cohortSpec(List<PoolSnapshot> pools,
                                                  Map<String, Map<String, Long>> guaranteedByPool) {
        var resources = new TreeSet<String>();
        pools.forEach(pool -> resources.addAll(pool.capacity().keySet()));
        if (resources.isEmpty()) {
            return Map.of();
        }
        var flavors = new ArrayList<Map<String, Object>>();
        for (PoolSnapshot pool : pools) {
            var quota = new ArrayList<Map<String, Object>>();
            for (String resource : resources) {
                long capacity = pool.capacity().getOrDefault(resource, 0L);
                long guaranteed = guaranteedByPool.getOrDefault(pool.name(), Map.of()).getOrDefault(resource, 0L);
                quota.add(Map.of("name", resource, "nominalQuota", Math.max(0, capacity - guaranteed)));
            }
            flavors.add(Map.of("name", flavor(pool), "resources", quota));
        }
        return Map.of("resourceGroups", List.of(Map.of("coveredResources", List.copyOf(resources),
                "flavors", flavors)));
    }

    /** The tenant's ClusterQueue and LocalQueue. */
    List<HasMetadata> renderTenant(String cluster, TenantSnapshot tenant, List<PoolSnapshot> pools,
                                   List<QuotaSnapshot> quotas) {
        var labels = Labels.tenant(cluster, tenant.slug());
        var groups = new ArrayList<Map<String, Object>>();
        groups.add(Map.of("coveredResources", List.of("cpu", "memory"), "flavors", List.of(Map.of(
                "name", DEFAULT_FLAVOR, "resources", List.of(
                        Map.of("name", "cpu", "nominalQuota", orUnlimited(tenant.quota() == null ? null
                                : tenant.quota().cpu(), UNLIMITED_CPU)),
                        Map.of("name", "memory", "nominalQuota", orUnlimited(tenant.quota() == null ? null
                                : tenant.quota().memory(), UNLIMITED_MEMORY)))))));
        // every GPU resource of the pools it has quota on (each MIG profile of a pool, a time-sliced pool's shared name)
        var gpuResources = new TreeSet<String>();
        quotas.forEach(quota -> gpuResources.addAll(quota.resources().keySet()));
        pools.stream().filter(pool -> quotas.stream().anyMatch(q -> q.pool().equals(pool.name())))
                .forEach(pool -> gpuResources.addAll(pool.capacity().keySet()));
        var flavors = new ArrayList<Map<String, Object>>();
        for (PoolSnapshot pool : pools) {
            List<QuotaSnapshot> onPool = quotas.stream().filter(q -> q.pool().equals(pool.name())).toList();
            if (onPool.isEmpty()) {
                continue; // no quota on this pool: its flavor is not the tenant's to use
            }
            var resources = new ArrayList<Map<String, Object>>();
            for (String resource : gpuResources) {
                QuotaAmount amount = onPool.stream().map(q -> amount(q, resource))
                        .reduce(new QuotaAmount(0L, 0L), (a, b) -> new QuotaAmount(a.guaranteed() + b.guaranteed(),
                                a.limit() + b.limit()));
                var entry = new LinkedHashMap<String, Object>();
                entry.put("name", resource);
                entry.put("nominalQuota", amount.guaranteed());
                entry.put("borrowingLimit", Math.max(0, amount.limit() - amount.guaranteed()));
                entry.put("lendingLimit", amount.guaranteed());
                resources.add(entry);
            }
            flavors.add(Map.of("name", flavor(pool), "resources", resources));
        }
        if (!flavors.isEmpty()) {
            groups.add(Map.of("coveredResources", List.copyOf(gpuResources), "flavors", flavors));
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("cohortName", cohort(cluster));
        spec.put("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name",
                tenant.namespace())));
        spec.put("queueingStrategy", "BestEffortFIFO");
        spec.put("preemption", Map.of("reclaimWithinCohort", "Any", "borrowWithinCohort", Map.of("policy", "Never"),
                "withinClusterQueue", "LowerPriority"));
        spec.put("resourceGroups", groups);
        return List.of(
                GenericObjects.clusterScoped(API_VERSION, "ClusterQueue", clusterQueue(tenant), labels, spec),
                GenericObjects.of(API_VERSION, "LocalQueue", tenant.namespace(), WorkloadQueueLabels.LOCAL_QUEUE, labels,
                        Map.of("clusterQueue", clusterQueue(tenant))));
    }

    private static QuotaAmount amount(QuotaSnapshot quota, String resource) {
        return quota.resources().getOrDefault(resource, new QuotaAmount(0L, 0L));
    }

    private static Object orUnlimited(String quantity, String unlimited) {
        return quantity == null || quantity.isBlank() ? unlimited : quantity;
    }
}
