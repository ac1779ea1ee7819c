package io.nova.platform.k8s.direct;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nova.platform.k8s.delivery.CanonicalYaml;
import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.DeliveryReport;
import io.nova.platform.k8s.delivery.ObjectChange;
import io.nova.platform.k8s.render.Labels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers rendered objects straight to a cluster's API server, without Git: create what is missing, update what
 * differs, delete (prune) what this platform owns there but no longer renders.
 *
 * <h2>Ownership</h2>
 * Every object written carries {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY_VALUE} and {@value #CLUSTER_LABEL}=owner
 * (set on a copy; the caller's objects are never touched). An existing object without both labels (someone else's,
 * or another platform cluster's) is never updated or deleted: it is reported as a problem and the other objects go on.
 *
 * <h2>Diff before write</h2>
 * Each desired object is read first and written only when its canonical tree ({@link CanonicalYaml#tree}) is not a
 * subset of the actual one: every value we set must be equal on the server; fields the server or controllers added
 * are ignored; arrays must have equal length and match element by element; of the metadata only labels and annotations
 * count. A desired empty map or list matches a missing field (API servers drop empty fields), and for ResourceQuota and
 * LimitRange quantities compare by value ({@code 1000m} = {@code 1}). So a second apply of the same objects only reads.
 *
 * <p>Updates are a PUT of the actual object (with its resourceVersion, finalizers, owner references and whatever
 * others added) with our fields merged in, like a JSON merge patch. To also remove fields that we set before and no
 * longer render (a ConfigMap key, a HelmRelease value, a label), each object records the field names we set (names
 * only, no values) in the annotation {@value #APPLIED_FIELDS_ANNOTATION}; fields not named there are left alone. A 409
 * Conflict is answered by reading the object again and retrying once; a second failure becomes a problem. Server-side
 * apply and strategic merge patch are deliberately not used.
 *
 * <h2>Order</h2>
 * Creations and updates follow the order of the managed kinds (see {@link ManagedKind#DEFAULTS}: Namespaces first,
 * HelmReleases and custom resources last), then namespace and name; pruning walks the kinds backwards. Pruning lists
 * every managed kind in all namespaces with a selector on both ownership labels and deletes what is not desired. A
 * partial delivery (a {@link DirectScope} of some tenants and/or the cluster's own objects) adds a selector on the
 * tenant label to those lists, so it reads only the objects it may prune, and checks each listed object against the
 * scope again before deleting it.
 *
 * <p>Every API call, reads and list pages included, first takes a token from the {@link ApiRateLimiter}. One instance
 * delivers to one cluster; {@link #apply} and {@link #plan} are serialised per instance.
 */
public final class DirectDelivery {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "nova-platform";
    public static final String CLUSTER_LABEL = "ml.nova.io/cluster";
    /** The names (not the values) of the fields the last apply set, as a JSON tree of names. */
    public static final String APPLIED_FIELDS_ANNOTATION = "ml.nova.io/applied-fields";

    private static final int PAGE_SIZE = 500;
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> COMPARED_METADATA = List.of("labels", "annotations");
    private static final Set<String> QUANTITY_KINDS = Set.of("ResourceQuota", "LimitRange");

    private final KubernetesClient client;
    private final String owner;
    private final ApiRateLimiter limiter;
    private final List<ManagedKind> managedKinds;
    private final KubernetesSerialization serialization;

    /**
     * @param owner        the platform's name for the cluster: the value of {@value #CLUSTER_LABEL}
     * @param managedKinds every kind the platform may own there, in apply order (usually {@link ManagedKind#DEFAULTS})
     */
    public DirectDelivery(KubernetesClient client, String owner, ApiRateLimiter limiter,
                          List<ManagedKind> managedKinds) {
        this.client = Objects.requireNonNull(client, "client");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        if (owner == null || !LABEL_VALUE.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner must be a valid label value (at most 63 letters, digits, '-', "
                    + "'_' or '.', starting and ending with a letter or digit), was " + owner);
        }
        this.owner = owner;
        this.managedKinds = List.copyOf(managedKinds);
        var seen = new HashSet<String>();
        for (ManagedKind kind : this.managedKinds) {
            if (!seen.add(kind.apiVersion() + " " + kind.kind())) {
                throw new IllegalArgumentException("managed kind listed twice: " + kind);
            }
        }
        this.serialization = client.getKubernetesSerialization();
    }

    /** Creates, updates and prunes until the cluster holds {@code desired}. */
    public synchronized DirectDeliveryResult apply(List<? extends HasMetadata> desired) {
        return apply(desired, DirectScope.everything());
    }

    /**
     * {@link #apply(List)} for part of what the platform owns there: of the owned objects it no longer renders, only
     * those in {@code scope} are listed and pruned (one tenant's objects, say), the rest are neither read nor touched.
     */
    public synchronized DirectDeliveryResult apply(List<? extends HasMetadata> desired, DirectScope scope) {
        return new Run(true, scope).run(desired);
    }

    /** The same computation as {@link #apply}, with reads only: what apply would do now. */
    public synchronized DirectDeliveryResult plan(List<? extends HasMetadata> desired) {
        return plan(desired, DirectScope.everything());
    }

    /** The same computation as {@link #apply(List, DirectScope)}, with reads only. */
    public synchronized DirectDeliveryResult plan(List<? extends HasMetadata> desired, DirectScope scope) {
        return new Run(false, scope).run(desired);
    }

    /** Where an object lives; namespace is null for cluster-scoped kinds. */
    private record Key(ManagedKind kind, String namespace, String name) {

        String id() {
            return id(kind.kind(), namespace, name);
        }

        static String id(String kind, String namespace, String name) {
            return kind + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    /** One apply or plan: collects changes and problems. */
    private final class Run {

        private final boolean write;
        private final DirectScope scope;
        private final List<ObjectChange> changes = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        Run(boolean write, DirectScope scope) {
            this.write = write;
            this.scope = Objects.requireNonNull(scope, "scope");
        }

        DirectDeliveryResult run(List<? extends HasMetadata> desired) {
            Map<Key, ObjectNode> wanted = collect(desired);
            wanted.forEach((key, tree) -> reconcile(key, tree, true));
            for (ManagedKind kind : managedKinds.reversed()) {
                prune(kind, wanted.keySet());
            }
            return new DirectDeliveryResult(new DeliveryReport(changes, null), problems);
        }

        /** The desired objects by key, in apply order, as trees with our labels; invalid ones become problems. */
        private Map<Key, ObjectNode> collect(List<? extends HasMetadata> desired) {
            Comparator<Key> order = Comparator.<Key>comparingInt(key -> managedKinds.indexOf(key.kind()))
                    .thenComparing(Key::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Key::name);
            var wanted = new TreeMap<Key, ObjectNode>(order);
            for (HasMetadata object : desired) {
                String namespace = object.getMetadata() == null ? null : blankToNull(object.getMetadata().getNamespace());
                String name = object.getMetadata() == null ? null : blankToNull(object.getMetadata().getName());
                String id = Key.id(object.getKind(), namespace, name == null ? "(no name)" : name);
                ManagedKind kind = managedKinds.stream().filter(k -> k.matches(object)).findFirst().orElse(null);
                if (kind == null) {
                    problems.add(id + ": " + object.getApiVersion() + " " + object.getKind()
                            + " is not a managed kind; not delivered");
                    continue;
                }
                if (name == null) {
                    problems.add(id + ": has no metadata.name; not delivered");
                    continue;
                }
                if (kind.namespaced() && namespace == null) {
                    problems.add(id + ": is namespaced but has no metadata.namespace; not delivered");
                    continue;
                }
                var key = new Key(kind, kind.namespaced() ? namespace : null, name);
                if (wanted.containsKey(key)) {
                    problems.add(key.id() + ": is desired more than once; the first one is delivered");
                    continue;
                }
                wanted.put(key, desiredTree(object, key));
            }
            return wanted;
        }

        private void reconcile(Key key, ObjectNode desired, boolean mayRetry) {
            GenericKubernetesResource actual;
            try {
                actual = get(key);
            } catch (KubernetesClientException e) {
                problems.add(key.id() + ": could not be read: " + describe(e));
                return;
            }
            GenericKubernetesResource body;
            ObjectChange change;
            if (actual == null) {
                body = toResource(desired);
                change = new ObjectChange(ChangeType.CREATE, key.id(), null, CanonicalYaml.of(body));
            } else {
                if (actual.getMetadata().getDeletionTimestamp() != null) {
                    problems.add(key.id() + ": is being deleted; a later apply creates it again once it is gone");
                    return;
                }
                String foreign = notOurs(actual);
                if (foreign != null) {
                    problems.add(key.id() + ": " + foreign + "; left untouched");
                    return;
                }
                boolean quantities = QUANTITY_KINDS.contains(key.kind().kind()) && key.kind().group().isEmpty();
                if (subset(comparable(desired), CanonicalYaml.tree(actual), quantities)) {
                    return;
                }
                body = merged(actual, desired);
                change = new ObjectChange(ChangeType.UPDATE, key.id(), CanonicalYaml.of(actual), CanonicalYaml.of(body));
            }
            if (!write) {
                changes.add(change);
                return;
            }
            try {
                limiter.acquire();
                if (actual == null) {
                    operation(key).resource(body).create();
                } else {
                    operation(key).resource(body).update();
                }
                changes.add(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && mayRetry) {
                    reconcile(key, desired, false);
                } else {
                    problems.add(key.id() + ": " + (actual == null ? "create" : "update") + " failed"
                            + (e.getCode() == 409 ? " again after re-reading" : "") + ": " + describe(e));
                }
            }
        }

        private void prune(ManagedKind kind, Set<Key> wanted) {
            List<GenericKubernetesResource> owned;
            try {
                owned = listOwned(kind, scope);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) { // 404: the kind is not installed, so nothing of it can be ours
                    problems.add(kind.apiVersion() + " " + kind.kind() + ": could not be listed, so none was pruned: "
                            + describe(e));
                }
                return;
            }
            owned.sort(Comparator.comparing((GenericKubernetesResource o) -> Objects.toString(o.getMetadata().getNamespace(), ""))
                    .thenComparing(o -> o.getMetadata().getName()));
            for (GenericKubernetesResource item : owned) {
                var key = new Key(kind, kind.namespaced() ? item.getMetadata().getNamespace() : null,
                        item.getMetadata().getName());
                if (!wanted.contains(key) && item.getMetadata().getDeletionTimestamp() == null && notOurs(item) == null
                        && scope.includes(item)) {
                    delete(key, item, true);
                }
            }
        }

        private void delete(Key key, GenericKubernetesResource item, boolean mayRetry) {
            var change = new ObjectChange(ChangeType.DELETE, key.id(), CanonicalYaml.of(item), null);
            if (!write) {
                changes.add(change);
                return;
            }
            try {
                limiter.acquire();
                // the precondition makes sure what is deleted is what was listed, not a replacement made since
                operation(key).withName(key.name()).lockResourceVersion(item.getMetadata().getResourceVersion()).delete();
                changes.add(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return; // gone already
                }
                if (e.getCode() == 409 && mayRetry) {
                    GenericKubernetesResource again;
                    try {
                        again = get(key);
                    } catch (KubernetesClientException readFailure) {
                        problems.add(key.id() + ": could not be read: " + describe(readFailure));
                        return;
                    }
                    if (again != null && again.getMetadata().getDeletionTimestamp() == null && notOurs(again) == null) {
                        delete(key, again, false);
                    }
                    return;
                }
                problems.add(key.id() + ": delete failed" + (e.getCode() == 409 ? " again after re-reading" : "")
                        + ": " + describe(e));
            }
        }
    }

    // --- API calls, each behind the rate limiter -------------------------------------------------------------------

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
    operation(ManagedKind kind) {
        return client.genericKubernetesResources(kind.context());
    }

    /** The kind's operation, in the key's namespace when it has one. */
    private NonNamespaceOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operation(Key key) {
        var operation = operation(key.kind());
        return key.namespace() == null ? operation : operation.inNamespace(key.namespace());
    }

    private GenericKubernetesResource get(Key key) {
        limiter.acquire();
        return operation(key).withName(key.name()).get();
    }

    /**
     * Everything of the kind carrying this owner's labels in {@code scope}, in all namespaces, page by page: one list
     * per selector of the scope (one for everything, one for the cluster's own objects, one per 50 tenants; a single
     * tenant is selected by equality, the form every API server and test double understands).
     */
    private List<GenericKubernetesResource> listOwned(ManagedKind kind, DirectScope scope) {
        Map<String, String> ownership = Map.of(MANAGED_BY_LABEL, MANAGED_BY_VALUE, CLUSTER_LABEL, owner);
        var items = new ArrayList<GenericKubernetesResource>();
        for (DirectScope.Selector selector : scope.selectors()) {
            FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>> target = kind.namespaced()
                    ? operation(kind).inAnyNamespace().withLabels(ownership)
                    : operation(kind).withLabels(ownership);
            if (selector.withoutTenant()) {
                target = target.withoutLabel(Labels.TENANT);
            } else if (selector.tenantIn().size() == 1) {
                target = target.withLabel(Labels.TENANT, selector.tenantIn().getFirst());
            } else if (!selector.tenantIn().isEmpty()) {
                target = target.withLabelIn(Labels.TENANT, selector.tenantIn().toArray(String[]::new));
            }
            String next = null;
            do {
                limiter.acquire();
                GenericKubernetesResourceList page = target.list(
                        new ListOptionsBuilder().withLimit((long) PAGE_SIZE).withContinue(next).build());
                items.addAll(page.getItems());
                next = page.getMetadata() == null ? null : blankToNull(page.getMetadata().getContinue());
            } while (next != null);
        }
        return items;
    }

    // --- trees ------------------------------------------------------------------------------------------------------

    /**
     * The desired object as a canonical tree, owned: metadata reduced to name, namespace, labels and annotations,
     * our two labels added, and the names of all fields it sets recorded in {@value #APPLIED_FIELDS_ANNOTATION}.
     */
    private ObjectNode desiredTree(HasMetadata object, Key key) {
        var tree = (ObjectNode) CanonicalYaml.tree(object); // a fresh tree: the caller's object stays as it was
        tree.remove("status");
        var metadata = JSON.createObjectNode();
        metadata.put("name", key.name());
        if (key.namespace() != null) {
            metadata.put("namespace", key.namespace());
        }
        JsonNode given = tree.get("metadata");
        for (String part : COMPARED_METADATA) {
            if (given != null && given.get(part) instanceof ObjectNode map && !map.isEmpty()) {
                metadata.set(part, map.deepCopy());
            }
        }
        objectAt(metadata, "labels").put(MANAGED_BY_LABEL, MANAGED_BY_VALUE).put(CLUSTER_LABEL, owner);
        tree.set("metadata", metadata);
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(APPLIED_FIELDS_ANNOTATION); // ours to write, never taken from the input
        }
        String applied = JSON.writeValueAsString(fieldNames(comparable(tree)));
        objectAt(metadata, "annotations").put(APPLIED_FIELDS_ANNOTATION, applied);
        return tree;
    }

    /** What is compared and merged: everything but apiVersion, kind, and metadata other than labels/annotations. */
    private static ObjectNode comparable(ObjectNode desired) {
        ObjectNode copy = desired.deepCopy();
        copy.remove("apiVersion");
        copy.remove("kind");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.retain(COMPARED_METADATA);
            if (metadata.isEmpty()) {
                copy.remove("metadata");
            }
        }
        return copy;
    }

    /** The same shape with only names: every member maps to the names below it, {} for values and lists. */
    private static ObjectNode fieldNames(JsonNode node) {
        ObjectNode names = JSON.createObjectNode();
        for (String name : new TreeSet<>(node.propertyNames())) {
            JsonNode value = node.get(name);
            names.set(name, value.isObject() ? fieldNames(value) : JSON.createObjectNode());
        }
        return names;
    }

    /** The field names recorded by the last apply; empty when missing or unreadable (then nothing is removed). */
    private static ObjectNode appliedFields(GenericKubernetesResource actual) {
        Map<String, String> annotations = actual.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(APPLIED_FIELDS_ANNOTATION);
        if (value == null) {
            return JSON.createObjectNode();
        }
        try {
            if (JSON.readTree(value) instanceof ObjectNode names) {
                names.remove(List.of("apiVersion", "kind", "status"));
                if (names.get("metadata") instanceof ObjectNode metadata) {
                    metadata.retain(COMPARED_METADATA); // never remove resourceVersion, finalizers or the like
                }
                return names;
            }
        } catch (RuntimeException e) {
            // someone broke the annotation: merge without removals, the next write records it again
        }
        return JSON.createObjectNode();
    }

    /** The actual object (resourceVersion and all) with the desired fields merged in and dropped fields removed. */
    private GenericKubernetesResource merged(GenericKubernetesResource actual, ObjectNode desired) {
        JsonNode actualTree = JSON.valueToTree(serialization.convertValue(actual, Map.class));
        JsonNode merged = merge(actualTree, comparable(desired), appliedFields(actual));
        return toResource(merged);
    }

    /**
     * A three-way merge in the manner of a JSON merge patch: maps merge key by key, anything else is replaced by the
     * desired value, and a key the last apply set (named in {@code applied}) that is no longer desired is removed.
     * Returns null when the member should disappear.
     */
    private static JsonNode merge(JsonNode actual, JsonNode desired, JsonNode applied) {
        if (desired == null) {
            if (applied == null) {
                return actual; // not ours
            }
            if (applied.isEmpty() || !(actual instanceof ObjectNode map)) {
                return null; // we set this whole value and no longer do
            }
            ObjectNode rest = map.deepCopy(); // we set some keys of this map: remove just those
            for (String name : applied.propertyNames()) {
                put(rest, name, merge(map.get(name), null, applied.get(name)));
            }
            return rest.isEmpty() ? null : rest;
        }
        if (desired instanceof ObjectNode wanted && actual instanceof ObjectNode map) {
            ObjectNode result = map.deepCopy();
            var names = new LinkedHashSet<>(wanted.propertyNames());
            if (applied != null) {
                names.addAll(applied.propertyNames());
            }
            for (String name : names) {
                put(result, name, merge(map.get(name), wanted.get(name), applied == null ? null : applied.get(name)));
            }
            return result;
        }
        return desired.deepCopy();
    }

    private static void put(ObjectNode map, String name, JsonNode member) {
        if (member == null) {
            map.remove(name);
        } else {
            map.set(name, member);
        }
    }

    /**
     * Whether every field and value of {@code desired} is in {@code actual}: extra members are ignored, arrays must
     * have the same length and match element by element, numbers compare by value, and a desired empty map or list
     * matches a missing member.
     */
    static boolean subset(JsonNode desired, JsonNode actual, boolean quantities) {
        boolean missing = actual == null || actual.isNull() || actual.isMissingNode();
        if (desired.isObject()) {
            if (missing) {
                return isEmpty(desired);
            }
            if (!actual.isObject()) {
                return false;
            }
            for (var member : desired.properties()) {
                if (!subset(member.getValue(), actual.get(member.getKey()), quantities)) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (missing) {
                return desired.isEmpty();
            }
            if (!actual.isArray() || actual.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!subset(desired.get(i), actual.get(i), quantities)) {
                    return false;
                }
            }
            return true;
        }
        if (missing) {
            return false;
        }
        if (desired.isNumber() && actual.isNumber()) {
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (desired.equals(actual)) {
            return true;
        }
        return quantities && desired.isString() && actual.isString()
                && sameQuantity(desired.stringValue(), actual.stringValue());
    }

    private static boolean isEmpty(JsonNode node) {
        if (node.isObject()) {
            for (var member : node.properties()) {
                if (!isEmpty(member.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return node.isArray() && node.isEmpty();
    }

    private static boolean sameQuantity(String a, String b) {
        try {
            BigDecimal x = new Quantity(a).getNumericalAmount();
            BigDecimal y = new Quantity(b).getNumericalAmount();
            return x.compareTo(y) == 0;
        } catch (RuntimeException notQuantities) {
            return false;
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** Null when the object carries both our labels, otherwise why it is not ours. */
    private String notOurs(HasMetadata actual) {
        Map<String, String> labels = actual.getMetadata().getLabels();
        String managedBy = labels == null ? null : labels.get(MANAGED_BY_LABEL);
        String cluster = labels == null ? null : labels.get(CLUSTER_LABEL);
        if (!MANAGED_BY_VALUE.equals(managedBy)) {
            return "exists but is not managed by " + MANAGED_BY_VALUE + " (" + MANAGED_BY_LABEL + " is "
                    + (managedBy == null ? "missing" : "'" + managedBy + "'") + ")";
        }
        if (!owner.equals(cluster)) {
            return "is managed by " + MANAGED_BY_VALUE + " for " + (cluster == null ? "no cluster" : "cluster '" + cluster + "'")
                    + ", not for '" + owner + "' (" + CLUSTER_LABEL + ")";
        }
        return null;
    }

    private GenericKubernetesResource toResource(JsonNode tree) {
        return serialization.convertValue(tree, GenericKubernetesResource.class);
    }

    private static ObjectNode objectAt(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String describe(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + message;
    }
}
