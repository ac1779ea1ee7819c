package io.nova.platform.k8s.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.nova.platform.k8s.crd.ComponentSpec;
import io.nova.platform.k8s.crd.Condition;
import io.nova.platform.k8s.crd.GpuPoolSpec;
import io.nova.platform.k8s.crd.MLInfrastructure;
import io.nova.platform.k8s.crd.MLInfrastructureStatus;
import io.nova.platform.k8s.crd.PoolStatus;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.render.Labels;
import io.nova.platform.k8s.render.PoolPlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a cluster's nodes carry what its MLInfrastructure's GPU pools say, and reports the GPU Operator's state.
 *
 * <h2>Node labels</h2>
 * For every pool, each Node whose labels contain all of the pool's {@code nodeSelector} gets
 * {@value Labels#DEVICE_PLUGIN_CONFIG}{@code =<devicePluginConfig>} and, when the pool has one,
 * {@value Labels#MIG_CONFIG}{@code =<migConfig>} (the GPU Operator's device plugin and MIG manager act on them), plus
 * the marker {@value #POOL_LABEL}{@code =<pool>}. A Node is written only when one of these three labels differs, with
 * a JSON Patch that names only them, so no other label is ever touched. A Node that carries the marker but no
 * longer belongs to any pool loses the three labels; a Node without the marker is never stripped of anything. A pool
 * without a nodeSelector selects no Node (never the whole cluster). When pools overlap, a Node belongs to the first
 * (MLInfrastructures by name, then pools in their order) and the overlap is reported as Degraded.
 *
 * <h2>Node taints</h2>
 * Each Node of a pool also carries the taint {@value PoolPlacement#TAINT}{@code =<pool>:NoSchedule}, so that only
 * workloads the platform gave the pool's toleration land there ({@link PoolPlacement}). The operator owns that taint
 * key and nothing else in {@code spec.taints}: it adds the taint, corrects its value when the Node moves to another
 * pool, and removes it from a Node that carries the marker but left every pool. It is written in the same JSON Patch
 * as the labels, as a {@code test} of the taints it read followed by a {@code replace}, so a taint someone else
 * changed in between fails the patch (retried) instead of being lost.
 *
 * <h2>Status</h2>
 * {@code gpuOperatorState} is the {@code status.state} of the GPU Operator's {@code ClusterPolicy}
 * ({@code nvidia.com/v1}, cluster-scoped; the one named {@value #CLUSTER_POLICY} or else the first by name), read
 * again every {@link OperatorSettings#gpuOperatorPollInterval()} until it is {@code ready}. Per pool the number of
 * labelled Nodes; conditions Ready/Reconciling/Degraded; {@code observedGeneration}. Written through the status
 * subresource only when it differs.
 *
 * <p>All MLInfrastructures are handled in one reconcile (they share the Nodes), queued on any change of an
 * MLInfrastructure or of a Node's labels; failures are retried with capped exponential backoff.
 */
public final class MLInfrastructureOperator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MLInfrastructureOperator.class);

    /** Marks a Node as labelled by this operator for the named pool. */
    public static final String POOL_LABEL = "ml.nova.io/gpu-pool";
    public static final String CLUSTER_POLICY = "cluster-policy";
    public static final ResourceDefinitionContext CLUSTER_POLICIES = new ResourceDefinitionContext.Builder()
            .withGroup("nvidia.com").withVersion("v1").withKind("ClusterPolicy").withPlural("clusterpolicies")
            .withNamespaced(false).build();

    private static final String KEY = "all";
    private static final List<String> OUR_LABELS = List.of(POOL_LABEL, Labels.DEVICE_PLUGIN_CONFIG, Labels.MIG_CONFIG);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final ApiRateLimiter limiter;
    private final WorkQueue queue;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private SharedIndexInformer<MLInfrastructure> infrastructures;
    private SharedIndexInformer<Node> nodes;
    private final OperatorLifecycle lifecycle;

    private record Written(String resourceVersionBefore, MLInfrastructure after) {
    }

    public MLInfrastructureOperator(KubernetesClient client) {
        this(client, OperatorSettings.defaults(), new ApiRateLimiter());
    }

    public MLInfrastructureOperator(KubernetesClient client, OperatorSettings settings, ApiRateLimiter limiter) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.queue = new WorkQueue("nova-mlinfrastructure", 1, settings.initialBackoff(), settings.maxBackoff(),
                key -> reconcile());
        this.lifecycle = new OperatorLifecycle("MLInfrastructure operator", queue);
    }

    /** Starts the informers on MLInfrastructure and Node; reconciling begins once both have listed. Idempotent. */
    public synchronized MLInfrastructureOperator start() {
        if (infrastructures != null || lifecycle.isClosed()) {
            return this;
        }
        long resync = settings.resyncPeriod().toMillis();
        infrastructures = lifecycle.watch("MLInfrastructure", client.resources(MLInfrastructure.class)
                .runnableInformer(resync), new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(MLInfrastructure infrastructure) {
                        enqueue();
                    }

                    @Override
                    public void onUpdate(MLInfrastructure before, MLInfrastructure after) {
                        enqueue();
                    }

                    @Override
                    public void onDelete(MLInfrastructure infrastructure, boolean finalStateUnknown) {
                        enqueue();
                    }
                });
        nodes = lifecycle.watch("Node", client.nodes().runnableInformer(0), new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                enqueue();
            }

            @Override
            public void onUpdate(Node before, Node after) {
                if (!Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                        || !Objects.equals(taints(before), taints(after))) {
                    enqueue();
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                enqueue();
            }
        });
        lifecycle.start(this::enqueue);
        return this;
    }

    public boolean hasSynced() {
        return lifecycle.synced();
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    private void enqueue() {
        if (lifecycle.synced()) {
            queue.add(KEY);
        }
    }

    // --- reconcile --------------------------------------------------------------------------------------------------

    /** Where a Node belongs. */
    private record Assignment(String infrastructure, GpuPoolSpec pool) {
    }

    /**
     * One reconcile of every MLInfrastructure against every Node, as a chain of steps over what they share: which pool
     * each Node belongs to, the Nodes' labels and taints, each MLInfrastructure's status.
     */
    private WorkQueue.Result reconcile() {
        var pass = new Pass(infrastructures.getStore().list().stream()
                .filter(i -> i.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(i -> i.getMetadata().getName())).toList(),
                nodes.getStore().list().stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList());
        assignNodesToPools(pass);
        labelAndTaintNodes(pass);
        writeStatuses(pass);
        written.keySet().retainAll(pass.infrastructures.stream().map(i -> i.getMetadata().getName()).toList());
        if (pass.anyFailure || pass.conflict) {
            return WorkQueue.Result.RETRY;
        }
        return pass.anyWaiting ? WorkQueue.Result.after(settings.gpuOperatorPollInterval()) : WorkQueue.Result.DONE;
    }

    /** What the steps of one reconcile find out and hand on. */
    private static final class Pass {

        final List<MLInfrastructure> infrastructures;
        final List<Node> nodes;
        /** Node → the pool it belongs to; overlaps are reported on the pool that lost the Node. */
        final Map<String, Assignment> assignments = new TreeMap<>();
        /** "infrastructure/pool" → notes. */
        final Map<String, List<String>> poolMessages = new LinkedHashMap<>();
        /** infrastructure → overlap messages. */
        final Map<String, List<String>> overlaps = new LinkedHashMap<>();
        /** "infrastructure/pool" → Nodes labelled; a Node that failed keeps counting as not labelled. */
        final Map<String, Integer> labelled = new TreeMap<>();
        /** infrastructure → Node write failures. */
        final Map<String, List<String>> failures = new LinkedHashMap<>();
        boolean anyFailure;
        boolean anyWaiting;
        boolean conflict;

        Pass(List<MLInfrastructure> infrastructures, List<Node> nodes) {
            this.infrastructures = infrastructures;
            this.nodes = nodes;
        }
    }

    /** Step 1: each Node that a pool's nodeSelector matches belongs to the first such pool. */
    private static void assignNodesToPools(Pass pass) {
        for (MLInfrastructure infrastructure : pass.infrastructures) {
            String infraName = infrastructure.getMetadata().getName();
            for (GpuPoolSpec pool : pools(infrastructure)) {
                if (pool.nodeSelector() == null || pool.nodeSelector().isEmpty()) {
                    note(pass.poolMessages, infraName, pool, "No nodeSelector, so no node is labelled");
                    continue;
                }
                for (Node node : pass.nodes) {
                    if (!matches(node, pool.nodeSelector())) {
                        continue;
                    }
                    String nodeName = node.getMetadata().getName();
                    Assignment first = pass.assignments.putIfAbsent(nodeName, new Assignment(infraName, pool));
                    if (first != null) {
                        String message = "Node %s matches pool %s but already belongs to pool %s%s".formatted(
                                nodeName, pool.name(), first.pool().name(),
                                first.infrastructure().equals(infraName) ? "" : " of " + first.infrastructure());
                        note(pass.poolMessages, infraName, pool, message);
                        pass.overlaps.computeIfAbsent(infraName, k -> new ArrayList<>()).add(message);
                    }
                }
            }
        }
    }

    /** Step 2: every Node whose labels or pool taint differ from its assignment is patched (only those). */
    private void labelAndTaintNodes(Pass pass) {
        for (Node node : pass.nodes) {
            Assignment assignment = pass.assignments.get(node.getMetadata().getName());
            Map<String, String> current = node.getMetadata().getLabels() == null ? Map.of()
                    : node.getMetadata().getLabels();
            Map<String, String> wanted = wantedLabels(assignment, current);
            if (wanted == null) {
                continue;
            }
            var patch = new TreeMap<String, String>();
            wanted.forEach((label, value) -> {
                if (!Objects.equals(current.get(label), value)) {
                    patch.put(label, value);
                }
            });
            String taintPool = assignment == null ? null : assignment.pool().name();
            boolean ok = patch.isEmpty() && sameTaints(taints(node), withPoolTaint(taints(node), taintPool))
                    || patchNode(node, patch, taintPool, assignment, pass.failures);
            pass.anyFailure |= !ok;
            if (assignment != null && ok) {
                pass.labelled.merge(assignment.infrastructure() + "/" + assignment.pool().name(), 1, Integer::sum);
            }
        }
    }

    /**
     * Our labels as a Node should carry them (null values: remove); null when the Node is none of ours. A pool without
     * a config leaves that label alone, unless the Node was ours already (then we set it); a Node that was ours and is
     * in no pool now gives our labels back.
     */
    private static Map<String, String> wantedLabels(Assignment assignment, Map<String, String> current) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (assignment != null) {
            boolean ours = current.containsKey(POOL_LABEL);
            wanted.put(POOL_LABEL, assignment.pool().name());
            String devicePluginConfig = blankToNull(assignment.pool().devicePluginConfig());
            if (devicePluginConfig != null || ours) {
                wanted.put(Labels.DEVICE_PLUGIN_CONFIG, devicePluginConfig);
            }
            String migConfig = blankToNull(assignment.pool().migConfig());
            if (migConfig != null || ours) {
                wanted.put(Labels.MIG_CONFIG, migConfig);
            }
            return wanted;
        }
        if (current.containsKey(POOL_LABEL)) {
            OUR_LABELS.forEach(label -> wanted.put(label, null));
            return wanted;
        }
        return null;
    }

    /** Step 3: each MLInfrastructure's status: its pools' labelled Nodes, the GPU Operator's state, conditions. */
    private void writeStatuses(Pass pass) {
        String[] policy = pass.infrastructures.isEmpty() ? new String[] {null, null} : gpuOperatorState();
        for (MLInfrastructure infrastructure : pass.infrastructures) {
            String infraName = infrastructure.getMetadata().getName();
            var pools = new TreeMap<String, PoolStatus>();
            for (GpuPoolSpec pool : pools(infrastructure)) {
                int count = pass.labelled.getOrDefault(infraName + "/" + pool.name(), 0);
                var notes = new ArrayList<String>();
                notes.add(count == 1 ? "1 node labelled" : count + " nodes labelled");
                if (pool.nodeCount() != null && pool.nodeCount() != count) {
                    notes.set(0, notes.getFirst() + " (expected " + pool.nodeCount() + ")");
                }
                notes.addAll(pass.poolMessages.getOrDefault(infraName + "/" + pool.name(), List.of()));
                pools.put(pool.name(), new PoolStatus(count, String.join("; ", notes)));
            }
            boolean gpuOperatorWanted = wantsGpuOperator(infrastructure);
            boolean waiting = gpuOperatorWanted && !"ready".equals(policy[0]);
            pass.anyWaiting |= waiting;
            var problems = new ArrayList<String>();
            problems.addAll(pass.failures.getOrDefault(infraName, List.of()));
            problems.addAll(pass.overlaps.getOrDefault(infraName, List.of()));
            String degradedReason = pass.failures.containsKey(infraName) ? "NodeLabellingFailed" : "OverlappingPools";

            MLInfrastructure current = current(infraName, infrastructure);
            Long generation = current.getMetadata().getGeneration();
            List<Condition> previous = current.getStatus() == null ? null : current.getStatus().getConditions();
            var conditions = new Conditions(previous, generation, Instant.now());
            if (!problems.isEmpty()) {
                conditions.set(Condition.READY, false, degradedReason, String.join("; ", problems));
            } else if (waiting) {
                conditions.set(Condition.READY, false, "GpuOperatorNotReady", policy[1]);
            } else {
                conditions.set(Condition.READY, true, "Ready", "Nodes labelled for %d pool(s)%s".formatted(
                        pools.size(), gpuOperatorWanted ? "; " + policy[1] : ""));
            }
            if (waiting) {
                conditions.set(Condition.RECONCILING, true, "GpuOperatorNotReady", policy[1]);
            } else {
                conditions.set(Condition.RECONCILING, false, "Reconciled", "Nothing is in progress");
            }
            if (problems.isEmpty()) {
                conditions.set(Condition.DEGRADED, false, "AsExpected", "No problems");
            } else {
                conditions.set(Condition.DEGRADED, true, degradedReason, String.join("; ", problems));
            }
            var status = new MLInfrastructureStatus(generation, conditions.build(), policy[0], pools);
            pass.conflict |= !writeStatus(infraName, current, status);
        }
    }

    private static List<GpuPoolSpec> pools(MLInfrastructure infrastructure) {
        if (infrastructure.getSpec() == null || infrastructure.getSpec().getPools() == null) {
            return List.of();
        }
        return infrastructure.getSpec().getPools().stream().filter(Objects::nonNull).toList();
    }

    private static void note(Map<String, List<String>> messages, String infrastructure, GpuPoolSpec pool, String note) {
        messages.computeIfAbsent(infrastructure + "/" + pool.name(), k -> new ArrayList<>()).add(note);
    }

    private static boolean matches(Node node, Map<String, String> selector) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels != null && selector.entrySet().stream()
                .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    private static boolean wantsGpuOperator(MLInfrastructure infrastructure) {
        ComponentSpec gpuOperator = infrastructure.getSpec() == null ? null : infrastructure.getSpec().getGpuOperator();
        return gpuOperator == null || !Boolean.FALSE.equals(gpuOperator.enabled());
    }

    /**
     * A JSON Patch of just these labels: {@code add} sets (or replaces) one, {@code remove} takes one away (null);
     * and, when the pool taint differs, a {@code test} of the Node's taints followed by a {@code replace} with the
     * same taints but ours made right ({@code taintPool} null: ours removed). A JSON Patch rather than a merge patch
     * because the fabric8 mock keeps a label set to null by a merge patch instead of removing it, and the tests must
     * run the write path production uses.
     */
    private boolean patchNode(Node node, Map<String, String> labels, String taintPool, Assignment assignment,
                              Map<String, List<String>> failures) {
        // The informer cache may lag behind a write this operator just made (two events for one node in a row):
        // compare with the live node so that nothing is written twice.
        limiter.acquire();
        Node live = client.nodes().withName(node.getMetadata().getName()).get();
        if (live == null) {
            return true;
        }
        Map<String, String> liveLabels = live.getMetadata().getLabels() == null ? Map.of()
                : live.getMetadata().getLabels();
        labels = new TreeMap<>(labels);
        labels.entrySet().removeIf(entry -> Objects.equals(liveLabels.get(entry.getKey()), entry.getValue())
                && (entry.getValue() != null || !liveLabels.containsKey(entry.getKey())));
        List<Taint> liveTaints = taints(live);
        List<Taint> wantedTaints = withPoolTaint(liveTaints, taintPool);
        boolean taintsDiffer = !sameTaints(liveTaints, wantedTaints);
        if (labels.isEmpty() && !taintsDiffer) {
            return true;
        }
        node = live;
        var operations = new ArrayList<Map<String, Object>>();
        Map<String, String> current = node.getMetadata().getLabels();
        if (labels.isEmpty()) {
            // only the taint differs
        } else if (current == null) {
            var all = new TreeMap<String, String>();
            labels.forEach((label, value) -> {
                if (value != null) {
                    all.put(label, value);
                }
            });
            operations.add(Map.of("op", "add", "path", "/metadata/labels", "value", all));
        } else {
            labels.forEach((label, value) -> {
                String path = "/metadata/labels/" + label.replace("~", "~0").replace("/", "~1");
                operations.add(value == null ? Map.of("op", "remove", "path", path)
                        : Map.of("op", "add", "path", path, "value", value));
            });
        }
        if (taintsDiffer) {
            List<Map<String, Object>> wantedJson = wantedTaints.stream().map(MLInfrastructureOperator::json).toList();
            if (node.getSpec() == null) {
                operations.add(Map.of("op", "add", "path", "/spec", "value", Map.of("taints", wantedJson)));
            } else if (node.getSpec().getTaints() == null) {
                operations.add(Map.of("op", "add", "path", "/spec/taints", "value", wantedJson));
            } else {
                operations.add(Map.of("op", "test", "path", "/spec/taints",
                        "value", node.getSpec().getTaints().stream().map(MLInfrastructureOperator::json).toList()));
                operations.add(Map.of("op", "replace", "path", "/spec/taints", "value", wantedJson));
            }
        }
        String json = JSON.writeValueAsString(operations);
        String nodeName = node.getMetadata().getName();
        try {
            limiter.acquire();
            client.nodes().resource(node).patch(PatchContext.of(PatchType.JSON), json);
            log.info("Node {}: labels {}{}", nodeName, labels, taintsDiffer
                    ? ", taint " + PoolPlacement.TAINT + "=" + (taintPool == null ? "(removed)" : taintPool) : "");
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return true; // the Node is gone; its delete event comes
            }
            String message = "Node %s could not be labelled or tainted: %s".formatted(nodeName, e.getMessage());
            log.warn(message);
            if (assignment != null) {
                failures.computeIfAbsent(assignment.infrastructure(), k -> new ArrayList<>()).add(message);
            }
            return false;
        }
    }

    private static List<Taint> taints(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    /**
     * The Node's taints with ours made right: every taint with our key but the first dropped, the first set to the
     * pool (in its place), or appended when there was none; {@code pool} null removes ours. Other taints stay as
     * they are, in their order.
     */
    static List<Taint> withPoolTaint(List<Taint> taints, String pool) {
        var result = new ArrayList<Taint>();
        boolean placed = false;
        for (Taint taint : taints) {
            if (!PoolPlacement.TAINT.equals(taint.getKey())) {
                result.add(taint);
            } else if (pool != null && !placed) {
                result.add(sameTaint(taint, pool) ? taint : poolTaint(pool));
                placed = true;
            }
        }
        if (pool != null && !placed) {
            result.add(poolTaint(pool));
        }
        return result;
    }

    private static Taint poolTaint(String pool) {
        return new TaintBuilder().withKey(PoolPlacement.TAINT).withValue(pool).withEffect(PoolPlacement.EFFECT)
                .build();
    }

    private static boolean sameTaint(Taint taint, String pool) {
        return pool.equals(taint.getValue()) && PoolPlacement.EFFECT.equals(taint.getEffect());
    }

    /** Key, value and effect in order; {@code timeAdded} is the API server's. */
    private static boolean sameTaints(List<Taint> a, List<Taint> b) {
        return a.size() == b.size() && java.util.stream.IntStream.range(0, a.size()).allMatch(i ->
                Objects.equals(a.get(i).getKey(), b.get(i).getKey())
                        && Objects.equals(a.get(i).getValue(), b.get(i).getValue())
                        && Objects.equals(a.get(i).getEffect(), b.get(i).getEffect()));
    }

    private static Map<String, Object> json(Taint taint) {
        var map = new LinkedHashMap<String, Object>();
        map.put("key", taint.getKey());
        if (taint.getValue() != null) {
            map.put("value", taint.getValue());
        }
        map.put("effect", taint.getEffect());
        if (taint.getTimeAdded() != null) {
            map.put("timeAdded", taint.getTimeAdded());
        }
        return map;
    }

    /** {state or null, a sentence about it}. */
    @SuppressWarnings("unchecked")
    private String[] gpuOperatorState() {
        List<GenericKubernetesResource> policies;
        try {
            limiter.acquire();
            policies = client.genericKubernetesResources(CLUSTER_POLICIES).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return new String[] {null, "The GPU Operator is not installed (no ClusterPolicy kind)"};
            }
            throw e;
        }
        GenericKubernetesResource policy = policies.stream()
                .filter(p -> CLUSTER_POLICY.equals(p.getMetadata().getName())).findFirst()
                .orElse(policies.stream().min(Comparator.comparing(p -> p.getMetadata().getName())).orElse(null));
        if (policy == null) {
            return new String[] {null, "No GPU Operator ClusterPolicy yet"};
        }
        Object status = policy.getAdditionalProperties().get("status");
        Object state = status instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("state") : null;
        String name = policy.getMetadata().getName();
        if (state == null) {
            return new String[] {null, "ClusterPolicy " + name + " reports no state yet"};
        }
        return new String[] {String.valueOf(state), "ClusterPolicy " + name + " is " + state};
    }

    private MLInfrastructure current(String name, MLInfrastructure cached) {
        Written last = written.get(name);
        if (last != null) {
            if (Objects.equals(last.resourceVersionBefore(), cached.getMetadata().getResourceVersion())) {
                return last.after();
            }
            written.remove(name);
        }
        return cached;
    }

    /** Writes the status when it differs; false on a conflict (retried). */
    private boolean writeStatus(String name, MLInfrastructure current, MLInfrastructureStatus status) {
        if (Objects.equals(current.getStatus(), status)) {
            return true;
        }
        MLInfrastructure body = client.getKubernetesSerialization().clone(current);
        body.setStatus(status);
        try {
            limiter.acquire();
            MLInfrastructure after = client.resource(body).updateStatus();
            written.put(name, new Written(current.getMetadata().getResourceVersion(), after));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return true;
            }
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
