package io.nova.platform.k8s.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.nova.platform.core.cluster.ClusterView;
import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.quota.queue.ObservedQueue;
import io.nova.platform.core.quota.queue.PendingWorkload;
import io.nova.platform.core.quota.queue.QueueObservation;
import io.nova.platform.core.quota.queue.QueueStatusSource;
import io.nova.platform.core.quota.queue.QueueUsage;
import io.nova.platform.k8s.reconcile.KubernetesClients;
import io.nova.platform.k8s.render.KueueNames;
import io.nova.platform.k8s.render.Labels;

/**
 * Reads the platform's Kueue queues of a cluster it can reach: every ClusterQueue it owns (one list call, paged, kept
 * for a few seconds so that a busy console does not list thousands of queues per view) and, for the namespaces asked
 * for, the Workloads that wait, with the reason from their {@code QuotaReserved} or {@code Admitted} condition.
 */
public final class KueueQueueReader implements QueueStatusSource {

    private static final long PAGE = 500;
    // given in full, so that no list call needs an API discovery first
    private static final ResourceDefinitionContext CLUSTER_QUEUES = kind("ClusterQueue", "clusterqueues", false);
    private static final ResourceDefinitionContext WORKLOADS = kind("Workload", "workloads", true);

    private record Listed(Instant at, List<ObservedQueue> queues) {
    }

    private final KubernetesClients clients;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Listed> recent = new ConcurrentHashMap<>();

    public KueueQueueReader(KubernetesClients clients, Clock clock, Duration keep) {
        this.clients = clients;
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    public QueueObservation observe(ClusterView cluster, Collection<String> waitingIn) {
        Instant now = clock.instant();
        if (cluster.deliveryMode() == DeliveryMode.GITOPS && cluster.apiServer() == null
                && cluster.credentialsRef() == null) {
            return QueueObservation.unreachable(("The platform has no access to cluster '%s' (a GitOps cluster "
                    + "without apiServer or credentialsRef): its queues are in the cluster, "
                    + "kubectl get clusterqueues,workloads -A").formatted(cluster.name()), now);
        }
        try {
            KubernetesClient client = clients.clientFor(cluster);
            Listed listed = recent.get(cluster.name());
            if (listed == null || listed.at().plus(keep).isBefore(now)) {
                listed = new Listed(now, clusterQueues(client, cluster.name()));
                recent.put(cluster.name(), listed);
            }
            if (waitingIn.isEmpty()) {
                return new QueueObservation(true, null, listed.at(), listed.queues());
            }
            var queues = new ArrayList<ObservedQueue>();
            for (ObservedQueue queue : listed.queues()) {
                queues.add(waitingIn.contains(queue.namespace()) ? new ObservedQueue(queue.namespace(),
                        queue.admitted(), queue.pending(), queue.usage(), waiting(client, queue.namespace()))
                        : queue);
            }
            return new QueueObservation(true, null, now, queues);
        } catch (KubernetesClientException e) {
            return QueueObservation.unreachable("Cannot read Kueue's queues of cluster '%s': %s".formatted(
                    cluster.name(), e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage() : e.getMessage()), now);
        }
    }

    private static List<ObservedQueue> clusterQueues(KubernetesClient client, String cluster) {
        var queues = new ArrayList<ObservedQueue>();
        String next = null;
        do {
            var page = client.genericKubernetesResources(CLUSTER_QUEUES)
                    .withLabels(Labels.owned(cluster))
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            page.getItems().forEach(queue -> queues.add(observed(queue)));
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return queues;
    }

    @SuppressWarnings("unchecked")
    private static ObservedQueue observed(GenericKubernetesResource queue) {
        Map<String, Object> status = (Map<String, Object>) queue.getAdditionalProperties().getOrDefault("status",
                Map.of());
        var usage = new ArrayList<QueueUsage>();
        for (Map<String, Object> flavor : (List<Map<String, Object>>) status.getOrDefault("flavorsUsage", List.of())) {
            String pool = KueueNames.poolOfFlavor(String.valueOf(flavor.get("name")));
            if (pool == null) {
                continue; // CPU and memory of the default flavor
            }
            for (Map<String, Object> resource : (List<Map<String, Object>>) flavor.getOrDefault("resources",
                    List.of())) {
                usage.add(new QueueUsage(pool, String.valueOf(resource.get("name")), count(resource.get("total")),
                        count(resource.get("borrowed"))));
            }
        }
        return new ObservedQueue(queue.getMetadata().getName(), count(status.get("admittedWorkloads")),
                count(status.get("pendingWorkloads")), usage, List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<PendingWorkload> waiting(KubernetesClient client, String namespace) {
        var waiting = new ArrayList<PendingWorkload>();
        String next = null;
        do {
            var page = client.genericKubernetesResources(WORKLOADS).inNamespace(namespace)
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            for (GenericKubernetesResource workload : page.getItems()) {
                Map<String, Object> status = (Map<String, Object>) workload.getAdditionalProperties()
                        .getOrDefault("status", Map.of());
                List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions",
                        List.of());
                if (isTrue(conditions, "Admitted") || isTrue(conditions, "Finished")) {
                    continue;
                }
                Map<String, Object> why = condition(conditions, "QuotaReserved");
                if (why != null && "True".equals(why.get("status"))) {
                    why = condition(conditions, "Admitted");
                }
                waiting.add(new PendingWorkload(workload.getMetadata().getName(), owner(workload),
                        priorityClass(workload), why == null ? "Queued" : String.valueOf(why.get("reason")),
                        why == null ? "waiting for Kueue to consider it" : String.valueOf(why.get("message")),
                        since(why, workload)));
            }
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return waiting;
    }

    private static ResourceDefinitionContext kind(String kind, String plural, boolean namespaced) {
        String[] apiVersion = KueueNames.API_VERSION.split("/");
        return new ResourceDefinitionContext.Builder().withGroup(apiVersion[0]).withVersion(apiVersion[1])
                .withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
    }

    private static boolean isTrue(List<Map<String, Object>> conditions, String type) {
        Map<String, Object> condition = condition(conditions, type);
        return condition != null && "True".equals(condition.get("status"));
    }

    private static Map<String, Object> condition(List<Map<String, Object>> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
    }

    private static String owner(GenericKubernetesResource workload) {
        List<OwnerReference> owners = workload.getMetadata().getOwnerReferences();
        return owners == null || owners.isEmpty() ? null
                : owners.getFirst().getKind() + " " + owners.getFirst().getName();
    }

    @SuppressWarnings("unchecked")
    private static String priorityClass(GenericKubernetesResource workload) {
        Map<String, Object> spec = (Map<String, Object>) workload.getAdditionalProperties().getOrDefault("spec",
                Map.of());
        // v1beta2 names it by reference, v1beta1 by name
        if (spec.get("priorityClassRef") instanceof Map<?, ?> reference && reference.get("name") != null) {
            return String.valueOf(reference.get("name"));
        }
        Object name = spec.get("priorityClassName");
        return name == null ? null : String.valueOf(name);
    }

    private static Instant since(Map<String, Object> condition, GenericKubernetesResource workload) {
        Object at = condition == null ? null : condition.get("lastTransitionTime");
        if (at == null) {
            at = workload.getMetadata().getCreationTimestamp();
        }
        try {
            return at == null ? null : Instant.parse(String.valueOf(at));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static long count(Object quantity) {
        if (quantity == null) {
            return 0;
        }
        if (quantity instanceof Number number) {
            return number.longValue();
        }
        return Quantity.getAmountInBytes(new Quantity(String.valueOf(quantity))).longValue();
    }
}
