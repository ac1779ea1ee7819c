package io.nova.platform.k8s.operator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.nova.platform.core.common.Sha256;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.k8s.crd.Condition;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterStatus;
import io.nova.platform.k8s.crd.ModuleStatus;
import io.nova.platform.k8s.delivery.CanonicalYaml;
import io.nova.platform.k8s.delivery.ObjectChange;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.direct.DirectDelivery;
import io.nova.platform.k8s.direct.DirectDeliveryResult;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.flux.HelmReleaseState;
import io.nova.platform.k8s.render.Labels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every MLCluster of one cluster and what it stands for in step, whoever wrote it.
 *
 * <h2>What it watches</h2>
 * A shared informer on MLCluster in all namespaces and one on Flux HelmRelease ({@code helm.toolkit.fluxcd.io/v2});
 * a change of either puts the MLCluster's {@code namespace/name} in a {@link WorkQueue}: one reconcile of a resource at
 * a time, failures retried with doubling, capped delays ({@link OperatorSettings#initialBackoff()},
 * {@link OperatorSettings#maxBackoff()}). Nothing is reconciled before both informers have listed once.
 *
 * <h2>Children, only for MLClusters the platform did not write</h2>
 * An MLCluster without {@code app.kubernetes.io/managed-by=nova-platform} (made with kubectl, or committed to Git by
 * someone and applied by Flux) is expanded by the {@link MLClusterExpander} and delivered with {@link DirectDelivery}
 * under the owner {@link #ownerOf ownerOf(namespace, name)}: its HelmRepository/OCIRepository/HelmRelease objects
 * carry {@code ml.nova.io/cluster=<owner>}, so they never collide with the platform's objects (which carry the
 * cluster's name) and are pruned when a module is switched off or the MLCluster is deleted. The children are also
 * annotated with {@value #MLCLUSTER_ANNOTATION}{@code =namespace/name}, which lets a restarted operator find and prune
 * the children of MLClusters deleted while it was down. An MLCluster the platform wrote gets no children from here:
 * the platform renders and delivers them itself (direct or GitOps).
 *
 * <p>Delivery is repeated when the expansion changes, when an MLCluster or a HelmRelease changes in more than its
 * status (drift), on every informer resync, and after problems; otherwise a reconcile only reads the caches.
 *
 * <h2>Status, for every MLCluster</h2>
 * {@code observedGeneration}, per module {@code phase}/{@code message}/{@code version}/{@code uiUrl} (from the
 * module's HelmRelease {@code Ready} condition, see {@link HelmReleaseState}; a module the expander refused is
 * FAILED), and the conditions Ready/Reconciling/Degraded. Written through the status subresource, and only when it
 * differs from what the resource already has.
 */
public final class MLClusterOperator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MLClusterOperator.class);

    /** On every child: the {@code namespace/name} of the MLCluster it was expanded from. */
    public static final String MLCLUSTER_ANNOTATION = "ml.nova.io/mlcluster";
    /** Every owner label value of an MLCluster's children starts with this. */
    public static final String OWNER_PREFIX = "mlc.";
    /** The kinds an MLCluster expands to; the only kinds this operator lists, writes and prunes. */
    public static final List<ManagedKind> CHILD_KINDS = ManagedKind.DEFAULTS.stream()
            .filter(k -> Set.of("ServiceAccount", "RoleBinding", "LimitRange", "NetworkPolicy", "HelmRepository",
                    "OCIRepository", "HelmRelease", "Ingress", "HTTPRoute").contains(k.kind())).toList();

    static final ResourceDefinitionContext HELM_RELEASES = CHILD_KINDS.stream()
            .filter(k -> k.kind().equals("HelmRelease")).findFirst().orElseThrow().context();

    private static final int MAX_LABEL_VALUE = 63;
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final String MANAGED = "managed-by-platform";

    private final KubernetesClient client;
    private final String cluster;
    private final OperatorSettings settings;
    private final ApiRateLimiter limiter;
    private final MLClusterExpander expander;
    private final WorkQueue queue;
    /** Keys whose next reconcile must deliver even if the expansion did not change. */
    private final Set<String> forced = ConcurrentHashMap.newKeySet();
    /** Per key, a digest of what was last delivered without problems ({@link #MANAGED}: pruned, platform's). */
    private final Map<String, String> delivered = new ConcurrentHashMap<>();
    /** Per key, the last status write, until the informer has caught up with it. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private SharedIndexInformer<MLCluster> mlClusters;
    private SharedIndexInformer<GenericKubernetesResource> helmReleases;
    private final OperatorLifecycle lifecycle;

    private record Written(String resourceVersionBefore, MLCluster after) {
    }

    /** An operator with {@link OperatorSettings#defaults()} and its own rate limiter; call {@link #start()}. */
    public MLClusterOperator(KubernetesClient client, String cluster, ModuleCatalog catalog) {
        this(client, cluster, catalog, OperatorSettings.defaults(), new ApiRateLimiter());
    }

    /**
     * @param cluster the platform's name of the cluster: MLClusters it renders carry it, and so do the objects the
     *                expansion renders before delivery puts the owner in
     * @param limiter taken before every API call the operator makes (share it with whatever else talks to the cluster)
     */
    public MLClusterOperator(KubernetesClient client, String cluster, ModuleCatalog catalog, OperatorSettings settings,
                             ApiRateLimiter limiter) {
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.expander = new MLClusterExpander(catalog, settings.render(), cluster, settings.ingressDomain());
        this.queue = new WorkQueue("nova-mlcluster-" + cluster, settings.workers(), settings.initialBackoff(),
                settings.maxBackoff(), this::reconcile);
        this.lifecycle = new OperatorLifecycle("Cluster " + cluster + ": MLCluster operator", queue);
    }

    /**
     * The owner label value of the children of MLCluster {@code namespace/name}: {@code mlc.<namespace>.<name>}, or,
     * when that is longer than a label value may be, its first 52 characters, a dash and 10 hex digits of a SHA-256
     * of {@code namespace/name}.
     */
    public static String ownerOf(String namespace, String name) {
        String owner = OWNER_PREFIX + namespace + "." + name;
        if (owner.length() <= MAX_LABEL_VALUE && LABEL_VALUE.matcher(owner).matches()) {
            return owner;
        }
        String hash = sha256(namespace + "/" + name).substring(0, 10);
        String prefix = owner.substring(0, Math.min(owner.length(), MAX_LABEL_VALUE - hash.length() - 1))
                .replaceAll("[^-A-Za-z0-9_.]", "-").replaceAll("[-_.]+$", "");
        return prefix + "-" + hash;
    }

    /** Starts the informers; reconciling begins once both have listed. Calling it again does nothing. */
    public synchronized MLClusterOperator start() {
        if (mlClusters != null || lifecycle.isClosed()) {
            return this;
        }
        long resync = settings.resyncPeriod().toMillis();
        mlClusters = lifecycle.watch("MLCluster", client.resources(MLCluster.class).inAnyNamespace()
                .runnableInformer(resync), new MLClusterEvents());
        helmReleases = lifecycle.watch("HelmRelease", client.genericKubernetesResources(HELM_RELEASES)
                .inAnyNamespace().runnableInformer(0), new HelmReleaseEvents());
        lifecycle.start(this::onSynced);
        return this;
    }

    /** Whether both informers have listed and reconciling has begun. */
    public boolean hasSynced() {
        return lifecycle.synced();
    }

    /** Stops the informers and the workers. Idempotent. */
    @Override
    public void close() {
        lifecycle.close();
    }

    // --- events -----------------------------------------------------------------------------------------------------

    private void onSynced() {
        mlClusters.getStore().listKeys().forEach(key -> enqueue(key, true));
        // children of MLClusters deleted while no operator ran
        for (GenericKubernetesResource release : helmReleases.getStore().list()) {
            String key = childOf(release);
            if (key != null && mlClusters.getStore().getByKey(key) == null) {
                enqueue(key, true);
            }
        }
    }

    private void enqueue(String key, boolean force) {
        if (!lifecycle.synced()) {
            return; // everything is enqueued once both informers have listed
        }
        if (force) {
            forced.add(key);
        }
        queue.add(key);
    }

    private final class MLClusterEvents implements ResourceEventHandler<MLCluster> {

        @Override
        public void onAdd(MLCluster mlCluster) {
            enqueue(Cache.metaNamespaceKeyFunc(mlCluster), true);
        }

        @Override
        public void onUpdate(MLCluster before, MLCluster after) {
            var a = before.getMetadata();
            var b = after.getMetadata();
            boolean force = Objects.equals(a.getResourceVersion(), b.getResourceVersion()) // periodic resync
                    || !Objects.equals(a.getGeneration(), b.getGeneration())
                    || !Objects.equals(a.getLabels(), b.getLabels())
                    || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp());
            enqueue(Cache.metaNamespaceKeyFunc(after), force);
        }

        @Override
        public void onDelete(MLCluster mlCluster, boolean finalStateUnknown) {
            enqueue(Cache.metaNamespaceKeyFunc(mlCluster), true);
        }
    }

    private final class HelmReleaseEvents implements ResourceEventHandler<GenericKubernetesResource> {

        @Override
        public void onAdd(GenericKubernetesResource release) {
            releaseChanged(release, false);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            var a = before.getMetadata();
            var b = after.getMetadata();
            if (Objects.equals(a.getResourceVersion(), b.getResourceVersion())) {
                return;
            }
            boolean drift = !Objects.equals(a.getGeneration(), b.getGeneration())
                    || !Objects.equals(a.getLabels(), b.getLabels())
                    || !Objects.equals(a.getAnnotations(), b.getAnnotations());
            if (drift || !Objects.equals(before.getAdditionalProperties().get("status"),
                    after.getAdditionalProperties().get("status"))) {
                releaseChanged(after, drift);
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource release, boolean finalStateUnknown) {
            releaseChanged(release, true);
        }

        private void releaseChanged(GenericKubernetesResource release, boolean force) {
            String namespace = release.getMetadata().getNamespace();
            if (!lifecycle.synced() || namespace == null) {
                return;
            }
            for (MLCluster mlCluster : mlClusters.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)) {
                enqueue(Cache.metaNamespaceKeyFunc(mlCluster), force);
            }
            String owner = childOf(release);
            if (owner != null && mlClusters.getStore().getByKey(owner) == null) {
                enqueue(owner, force);
            }
        }
    }

    /** The {@code namespace/name} of the MLCluster whose child this is, or null when it is not such a child. */
    private static String childOf(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (labels == null || annotations == null || !Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY))) {
            return null;
        }
        String key = annotations.get(MLCLUSTER_ANNOTATION);
        String owner = labels.get(Labels.CLUSTER);
        if (key == null || owner == null || !owner.startsWith(OWNER_PREFIX)) {
            return null;
        }
        String[] parts = key.split("/", -1);
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
                && owner.equals(ownerOf(parts[0], parts[1])) ? key : null;
    }

    // --- reconcile --------------------------------------------------------------------------------------------------

    private WorkQueue.Result reconcile(String key) {
        boolean force = forced.remove(key);
        try {
            return reconcile(key, force);
        } catch (RuntimeException e) {
            forced.add(key); // deliver on the retry
            throw e;
        }
    }

    /** One MLCluster: its children pruned when it is gone; else expanded, delivered when they changed, its status. */
    private WorkQueue.Result reconcile(String key, boolean force) {
        MLCluster cached = mlClusters.getStore().getByKey(key);
        if (cached == null) {
            return pruneChildrenOfDeleted(key, force);
        }
        MLClusterExpander.Expansion expansion = expander.expand(cached);
        List<String> problems = deliverChildren(key, cached, expansion, force);
        MLCluster current = current(key, cached);
        MLClusterStatus status = status(current, expansion, isManaged(cached), owner(key), problems);
        boolean statusWritten = writeStatus(key, current, status);
        return problems.isEmpty() && statusWritten ? WorkQueue.Result.DONE : WorkQueue.Result.RETRY;
    }

    private static String owner(String key) {
        String[] parts = key.split("/", 2);
        return ownerOf(parts[0], parts[1]);
    }

    /** A deleted MLCluster's children go (after a restart too: forced keys come from the HelmReleases left). */
    private WorkQueue.Result pruneChildrenOfDeleted(String key, boolean force) {
        written.remove(key);
        boolean known = delivered.remove(key) != null;
        if (!force && !known) {
            return WorkQueue.Result.DONE;
        }
        if (deliver(key, owner(key), List.of()).hasProblems()) {
            forced.add(key);
            return WorkQueue.Result.RETRY;
        }
        return WorkQueue.Result.DONE;
    }

    /**
     * A hand-made MLCluster's children as its expansion gives them, written only when they differ from what was
     * delivered last (or when forced); an MLCluster the platform delivers has none of its own: children left from a
     * time it was hand-made are pruned once.
     *
     * @return the delivery's problems, none when nothing had to be written
     */
    private List<String> deliverChildren(String key, MLCluster cached, MLClusterExpander.Expansion expansion,
                                         boolean force) {
        List<String> problems = List.of();
        if (isManaged(cached)) {
            if (!MANAGED.equals(delivered.get(key))) {
                problems = deliver(key, owner(key), List.of()).problems();
                remember(key, problems, MANAGED);
            }
            return problems;
        }
        List<HasMetadata> children = annotated(expansion.objects(), key);
        String digest = digest(children);
        if (force || !digest.equals(delivered.get(key))) {
            problems = deliver(key, owner(key), children).problems();
            remember(key, problems, digest);
        }
        return problems;
    }

    private void remember(String key, List<String> problems, String what) {
        if (problems.isEmpty()) {
            delivered.put(key, what);
        } else {
            delivered.remove(key); // the retry delivers again
        }
    }

    private DirectDeliveryResult deliver(String key, String owner, List<HasMetadata> children) {
        var delivery = new DirectDelivery(client, owner, limiter, CHILD_KINDS);
        DirectDeliveryResult result = delivery.apply(children);
        for (ObjectChange change : result.report().changes()) {
            log.info("Cluster {}: MLCluster {}: {} {}", cluster, key, change.type().name().toLowerCase(), change.id());
        }
        if (result.hasProblems()) {
            log.warn("Cluster {}: MLCluster {}: {}", cluster, key, String.join("; ", result.problems()));
        }
        return result;
    }

    private List<HasMetadata> annotated(List<HasMetadata> objects, String key) {
        var copies = new ArrayList<HasMetadata>();
        for (HasMetadata object : objects) {
            HasMetadata copy = client.getKubernetesSerialization().clone(object);
            var annotations = copy.getMetadata().getAnnotations() == null
                    ? new TreeMap<String, String>() : new TreeMap<>(copy.getMetadata().getAnnotations());
            annotations.put(MLCLUSTER_ANNOTATION, key);
            copy.getMetadata().setAnnotations(annotations);
            copies.add(copy);
        }
        return copies;
    }

    private static String digest(List<HasMetadata> objects) {
        return sha256(objects.stream().map(CanonicalYaml::of).collect(Collectors.joining("---\n")));
    }

    private static boolean isManaged(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY));
    }

    // --- status -----------------------------------------------------------------------------------------------------

    /** The cached object, or what the last status write returned while the informer has not caught up with it. */
    private MLCluster current(String key, MLCluster cached) {
        Written last = written.get(key);
        if (last != null) {
            if (Objects.equals(last.resourceVersionBefore(), cached.getMetadata().getResourceVersion())) {
                return last.after();
            }
            written.remove(key);
        }
        return cached;
    }

    private record Failure(String reason, String message) {
    }

    private MLClusterStatus status(MLCluster mlCluster, MLClusterExpander.Expansion expansion, boolean managed,
                                   String owner, List<String> problems) {
        String namespace = mlCluster.getMetadata().getNamespace();
        var modules = new LinkedHashMap<String, ModuleStatus>();
        var failures = new ArrayList<Failure>();
        var progressing = new ArrayList<String>();
        var unclaimed = new ArrayList<>(problems);
        int enabled = 0;
        for (MLClusterExpander.ModuleExpansion module : expansion.modules()) {
            String key = module.key();
            if (module.problem() != null) {
                modules.put(key, failed(module, module.problem()));
                failures.add(new Failure(module.reason(), module.problem()));
                continue;
            }
            GenericKubernetesResource release = helmReleases.getStore()
                    .getByKey(Cache.namespaceKeyFunc(namespace, key));
            boolean releaseOurs = release != null && (managed ? ownedBy(release, cluster) : ownedBy(release, owner));
            if (!module.enabled()) {
                modules.put(key, releaseOurs
                        ? new ModuleStatus(ModulePhase.RECONCILING.name(), "Switched off; waiting for HelmRelease "
                        + key + " to be removed", module.version(), module.uiUrl())
                        : new ModuleStatus(ModulePhase.READY.name(), "Switched off", module.version(), module.uiUrl()));
                if (releaseOurs) {
                    progressing.add(key);
                }
                continue;
            }
            enabled++;
            List<String> own = problemsOf(unclaimed, namespace, key);
            unclaimed.removeAll(own);
            if (!own.isEmpty()) {
                String message = String.join("; ", own);
                modules.put(key, failed(module, message));
                failures.add(new Failure("DeliveryFailed", message));
                continue;
            }
            if (!managed && release != null && !releaseOurs) {
                String message = "HelmRelease %s/%s exists but was not made for this MLCluster (%s is %s)"
                        .formatted(namespace, key, Labels.CLUSTER, labelOf(release, Labels.CLUSTER));
                modules.put(key, failed(module, message));
                failures.add(new Failure("ReleaseConflict", message));
                continue;
            }
            HelmReleaseState state = HelmReleaseState.of(release, module.version());
            modules.put(key, new ModuleStatus(state.phase().name(), state.message(), state.version(), module.uiUrl()));
            switch (state.phase()) {
                case READY -> { }
                case FAILED, DEGRADED -> failures.add(new Failure("ReleaseFailed", key + ": " + state.message()));
                default -> progressing.add(key);
            }
        }
        unclaimed.forEach(problem -> failures.add(new Failure("DeliveryFailed", problem)));
        expansion.refused().forEach(refusal -> failures.add(new Failure(refusal.reason(), refusal.message())));

        Long generation = mlCluster.getMetadata().getGeneration();
        List<Condition> previous = mlCluster.getStatus() == null ? null : mlCluster.getStatus().getConditions();
        var conditions = new Conditions(previous, generation, Instant.now());
        String failed = failures.stream().map(Failure::message).collect(Collectors.joining("; "));
        String waiting = "Waiting for " + String.join(", ", progressing);
        if (failures.isEmpty() && progressing.isEmpty()) {
            conditions.set(Condition.READY, true, "AllModulesReady", enabled == 0 ? "No module is enabled"
                    : enabled == 1 ? "The enabled module is ready"
                    : "All %d enabled modules are ready".formatted(enabled));
        } else if (!failures.isEmpty()) {
            conditions.set(Condition.READY, false, "ModulesFailed", failed);
        } else {
            conditions.set(Condition.READY, false, "ModulesProgressing", waiting);
        }
        if (progressing.isEmpty()) {
            conditions.set(Condition.RECONCILING, false, "Reconciled", "Nothing is in progress");
        } else {
            conditions.set(Condition.RECONCILING, true, "ModulesProgressing", waiting);
        }
        if (failures.isEmpty()) {
            conditions.set(Condition.DEGRADED, false, "AsExpected", "No problems");
        } else {
            conditions.set(Condition.DEGRADED, true, failures.getFirst().reason(), failed);
        }
        return new MLClusterStatus(generation, conditions.build(), modules);
    }

    private static ModuleStatus failed(MLClusterExpander.ModuleExpansion module, String message) {
        return new ModuleStatus(ModulePhase.FAILED.name(), message, module.version(), module.uiUrl());
    }

    /** DirectDelivery's problems about the module's source or release (they start with {@code Kind ns/name:}). */
    private static List<String> problemsOf(List<String> problems, String namespace, String module) {
        return problems.stream().filter(problem -> CHILD_KINDS.stream()
                .anyMatch(kind -> problem.startsWith(kind.kind() + " " + namespace + "/" + module + ":"))).toList();
    }

    private static boolean ownedBy(HasMetadata object, String owner) {
        return isManaged(object) && owner.equals(labelOf(object, Labels.CLUSTER));
    }

    private static String labelOf(HasMetadata object, String label) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(label);
    }

    /** Writes the status when it differs; false when the write met a conflict (the retry reads the newer object). */
    private boolean writeStatus(String key, MLCluster current, MLClusterStatus status) {
        if (Objects.equals(current.getStatus(), status)) {
            return true;
        }
        MLCluster body = client.getKubernetesSerialization().clone(current);
        body.setStatus(status);
        try {
            limiter.acquire();
            MLCluster after = client.resource(body).updateStatus();
            written.put(key, new Written(current.getMetadata().getResourceVersion(), after));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return true; // deleted meanwhile; the delete event follows
            }
            if (e.getCode() == 409) {
                log.debug("Cluster {}: status of MLCluster {} changed meanwhile; retrying", cluster, key);
                return false;
            }
            throw e;
        }
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }
}
