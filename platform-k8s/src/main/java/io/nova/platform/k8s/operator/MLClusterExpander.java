package io.nova.platform.k8s.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleScope;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleValuesPolicy;
import io.nova.platform.core.module.ModuleValuesValidator;
import io.nova.platform.core.module.SecretDelivery;
import io.nova.platform.k8s.crd.MLCluster;
import io.nova.platform.k8s.crd.MLClusterSpec;
import io.nova.platform.k8s.crd.ModuleSpec;
import io.nova.platform.k8s.render.ClusterRenderer;
import io.nova.platform.k8s.render.RenderSettings;
import io.nova.platform.k8s.render.tool.ToolTenant;

/**
 * MLCluster → the Flux sources and HelmReleases of its enabled modules. A pure function: no I/O, and the objects are
 * rendered by the same code as the platform's own ({@link ClusterRenderer#renderTenantModules}), so an MLCluster the
 * platform rendered expands to exactly what the platform renders for that tenant.
 *
 * <p>An MLCluster written by hand (kubectl, a Git commit) is checked the way the platform checks a module install
 * before it lets it happen; a module that fails a check is not expanded and carries a {@link ModuleExpansion#problem}
 * with a CamelCase {@link ModuleExpansion#reason}:
 * <ul>
 *     <li>{@value #UNKNOWN_MODULE}: the key is not in the module catalog (reported even when switched off);</li>
 *     <li>{@value #CLUSTER_MODULE}: a cluster module (GPU Operator, ...) listed in a tenant's MLCluster;</li>
 *     <li>{@value #UNSUPPORTED_VERSION}: a chart version the catalog does not list for the module;</li>
 *     <li>{@value #INVALID_VALUES}: values the module's chart does not know, too large, or with literal secrets;</li>
 *     <li>{@value #INVALID_SECRET_DELIVERY}: a secretDelivery that is not one of {@link SecretDelivery};</li>
 *     <li>{@value #MISSING_DEPENDENCY}: a module it needs (MLflow needs MinIO) is not enabled and valid here.</li>
 * </ul>
 * The modules' values are also held to what a tenant admin may set over REST (the catalog's tenant value paths, no
 * risky keys); owner and member groups that would admit everybody ({@code system:*}, wildcards) are left out and
 * refused ({@value #INVALID_GROUPS}). With any module to install, the namespace also gets the reconciler identity its
 * HelmReleases run as, the groups' RoleBindings, the LimitRange and network policies of the platform's tenants
 * ({@link ClusterRenderer#renderTenantIdentity}).
 * A module without a chart (KubeRay, KServe: the tenant uses the cluster's operator) expands to no object; whether
 * its cluster component is installed is the platform's check when it is switched on, and its status follows the
 * component's release.
 * Defaults for a hand-written spec: a listed module without {@code enabled} is enabled, one without {@code version}
 * gets the catalog's default version, and a spec without {@code tenant} uses the MLCluster's name.
 */
public final class MLClusterExpander {

    public static final String DEFAULT_INGRESS_DOMAIN = "nova.localhost";

    public static final String UNKNOWN_MODULE = "UnknownModule";
    public static final String CLUSTER_MODULE = "ClusterScopedModule";
    public static final String UNSUPPORTED_VERSION = "UnsupportedVersion";
    public static final String INVALID_VALUES = "InvalidValues";
    public static final String INVALID_SECRET_DELIVERY = "InvalidSecretDelivery";
    public static final String MISSING_DEPENDENCY = "MissingDependency";
    public static final String INVALID_GROUPS = "InvalidGroups";
    /** Group names that would let everybody in: the API server's own groups and wildcards. */
    private static final java.util.regex.Pattern UNSAFE_GROUP = java.util.regex.Pattern.compile(
            "system:.*|\\*|.*[\\s*].*");

    private final ModuleCatalog catalog;
    private final String cluster;
    private final String ingressDomain;
    private final ClusterRenderer renderer;
    private final ModuleValuesValidator validator = new ModuleValuesValidator();
    private final ModuleValuesPolicy policy = new ModuleValuesPolicy();

    /**
     * @param cluster       the platform's name of the cluster, as in the {@code ml.nova.io/cluster} label it renders
     * @param ingressDomain base domain of the tools' web UIs (the platform's {@code nova.modules.ingress-domain});
     *                      it goes into the OIDC callback of tools that log in through the platform's issuer. Null
     *                      means {@value #DEFAULT_INGRESS_DOMAIN}, the platform's default too.
     */
    public MLClusterExpander(ModuleCatalog catalog, RenderSettings settings, String cluster, String ingressDomain) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.ingressDomain = ingressDomain == null || ingressDomain.isBlank() ? DEFAULT_INGRESS_DOMAIN : ingressDomain;
        this.renderer = new ClusterRenderer(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * What one module of the MLCluster became.
     *
     * @param key     the module key as written in the MLCluster
     * @param enabled whether the MLCluster asks for it
     * @param version the chart version asked for, or the catalog default when none is given (null when unknown)
     * @param uiUrl   the module's web UI, null when it has none or is unknown
     * @param reason  CamelCase reason why it was not expanded, null when it was (or is switched off without problem)
     * @param problem a sentence saying what is wrong and what to do, null when nothing is
     */
    public record ModuleExpansion(String key, boolean enabled, String version, String uiUrl, String reason,
                                  String problem) {

        /** Whether its release is part of the expansion. */
        public boolean expanded() {
            return enabled && problem == null;
        }
    }

    /** Something of the MLCluster as a whole that was refused (its groups), with a CamelCase reason. */
    public record Refusal(String reason, String message) {
    }

    /**
     * @param objects the namespace's reconciler identity and group bindings, the Flux sources, HelmReleases and
     *                routes to the tools' UIs, in the platform's render order
     * @param modules every module the MLCluster lists, by key order
     * @param refused what of the MLCluster as a whole was refused
     */
    public record Expansion(List<HasMetadata> objects, List<ModuleExpansion> modules, List<Refusal> refused) {

        public Expansion {
            objects = List.copyOf(objects);
            modules = List.copyOf(modules);
            refused = List.copyOf(refused);
        }

        public Expansion(List<HasMetadata> objects, List<ModuleExpansion> modules) {
            this(objects, modules, List.of());
        }

        public List<ModuleExpansion> problems() {
            return modules.stream().filter(m -> m.problem() != null).toList();
        }

        public boolean hasProblems() {
            return modules.stream().anyMatch(m -> m.problem() != null);
        }
    }

    public Expansion expand(MLCluster mlCluster) {
        String namespace = mlCluster.getMetadata().getNamespace();
        MLClusterSpec spec = mlCluster.getSpec();
        String tenant = spec == null || spec.getTenant() == null || spec.getTenant().isBlank()
                ? mlCluster.getMetadata().getName() : spec.getTenant();
        Map<String, ModuleSpec> specs = spec == null || spec.getModules() == null
                ? Map.of() : new TreeMap<>(spec.getModules());

        var results = new LinkedHashMap<String, ModuleExpansion>();
        var snapshots = new LinkedHashMap<String, ModuleSnapshot>();
        long generation = mlCluster.getMetadata().getGeneration() == null ? 0 : mlCluster.getMetadata().getGeneration();
        specs.forEach((key, moduleSpec) -> {
            ModuleSpec given = moduleSpec == null ? new ModuleSpec(null, null, null, null) : moduleSpec;
            boolean enabled = !Boolean.FALSE.equals(given.enabled());
            ModuleDefinition module = catalog.find(key).orElse(null);
            if (module == null) {
                results.put(key, new ModuleExpansion(key, enabled, given.version(), null, UNKNOWN_MODULE,
                        "Unknown module '%s'; the catalog has %s".formatted(key, knownTenantModules())));
                return;
            }
            String version = given.version() == null || given.version().isBlank() ? module.defaultVersion()
                    : given.version();
            String uiUrl = module.webUi() ? module.uiUrl(tenant, cluster, ingressDomain) : null;
            String[] problem = enabled ? check(module, version, given) : null;
            if (problem != null) {
                results.put(key, new ModuleExpansion(key, true, version, uiUrl, problem[0], problem[1]));
                return;
            }
            results.put(key, new ModuleExpansion(key, enabled, version, uiUrl, null, null));
            snapshots.put(key, new ModuleSnapshot(tenant, module, enabled, version,
                    given.values() == null ? Map.of() : given.values(), secretDelivery(given.secretDelivery()),
                    generation, uiUrl));
        });

        // a module whose dependency is not there would wait forever in Flux: leave it out, until nothing changes
        for (boolean changed = true; changed; ) {
            changed = false;
            for (ModuleSnapshot snapshot : List.copyOf(snapshots.values())) {
                if (!snapshot.enabled()) {
                    continue;
                }
                for (String dependency : snapshot.module().dependencies()) {
                    ModuleSnapshot needed = snapshots.get(dependency);
                    if (needed == null || !needed.enabled()) {
                        String key = snapshot.module().key();
                        ModuleExpansion before = results.get(key);
                        results.put(key, new ModuleExpansion(key, true, before.version(), before.uiUrl(),
                                MISSING_DEPENDENCY, "Module '%s' needs '%s', which is %s in this MLCluster; enable it"
                                .formatted(key, dependency, dependencyState(dependency, specs, results))));
                        snapshots.remove(key);
                        changed = true;
                        break;
                    }
                }
            }
        }

        var refused = new ArrayList<Refusal>();
        List<String> owners = safeGroups("ownerGroups", spec == null ? null : spec.getOwnerGroups(), refused);
        List<String> members = safeGroups("memberGroups", spec == null ? null : spec.getMemberGroups(), refused);
        // an MLCluster carries the tenant's groups but not its quotas: notebooks get no GPU profiles from it
        var toolTenant = new ToolTenant(tenant, owners, members, List.of(), false);
        var objects = new ArrayList<HasMetadata>(renderer.renderTenantModules(cluster, namespace,
                List.copyOf(snapshots.values()), toolTenant));
        if (!snapshots.isEmpty()) {
            objects.addAll(0, renderer.renderTenantIdentity(cluster, tenant, namespace, owners, members,
                    List.copyOf(snapshots.values())));
        }
        return new Expansion(objects, List.copyOf(results.values()), refused);
    }

    /** The groups that may be bound; one that would admit everybody is left out and refused. */
    private static List<String> safeGroups(String field, List<String> groups, List<Refusal> refused) {
        var safe = new ArrayList<String>();
        for (String group : groups == null ? List.<String>of() : groups) {
            if (group == null || group.isBlank() || UNSAFE_GROUP.matcher(group).matches()) {
                refused.add(new Refusal(INVALID_GROUPS, ("%s: '%s' would give everybody in the cluster access; name "
                        + "a group of people").formatted(field, group)));
            } else {
                safe.add(group);
            }
        }
        return safe;
    }

    private static List<String> orEmpty(List<String> groups) {
        return groups == null ? List.of() : groups;
    }

    /** {reason, problem} when the enabled module cannot be installed as written, else null. */
    private String[] check(ModuleDefinition module, String version, ModuleSpec given) {
        if (module.scope() != ModuleScope.TENANT) {
            return new String[] {CLUSTER_MODULE, "Module '%s' is installed once per cluster, not per tenant; it is "
                    .formatted(module.key()) + "configured in the cluster's MLInfrastructure or by the platform"};
        }
        if (!module.supports(version)) {
            return new String[] {UNSUPPORTED_VERSION, "Version '%s' of module '%s' is not supported; supported are %s"
                    .formatted(version, module.key(), String.join(", ", module.supportedVersions()))};
        }
        if (given.secretDelivery() != null && secretDelivery(given.secretDelivery()) == null) {
            return new String[] {INVALID_SECRET_DELIVERY, "secretDelivery '%s' of module '%s' is not one of %s"
                    .formatted(given.secretDelivery(), module.key(), List.of(SecretDelivery.values()))};
        }
        List<FieldViolation> violations = new ArrayList<>(validator.validate(module, given.values()));
        // whoever wrote the MLCluster gets what a tenant admin gets over REST
        violations.addAll(policy.check(module, given.values(), Map.of(), ModuleValuesPolicy.Authority.TENANT_ADMIN));
        if (!violations.isEmpty()) {
            return new String[] {INVALID_VALUES, "Values of module '%s' are not accepted: %s".formatted(module.key(),
                    violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")))};
        }
        return null;
    }

    private static String dependencyState(String dependency, Map<String, ModuleSpec> specs,
                                          Map<String, ModuleExpansion> results) {
        if (!specs.containsKey(dependency)) {
            return "not listed";
        }
        ModuleExpansion expansion = results.get(dependency);
        if (expansion != null && expansion.problem() != null) {
            return "not installable (" + expansion.reason() + ")";
        }
        return "switched off";
    }

    private static SecretDelivery secretDelivery(String value) {
        if (value == null) {
            return null;
        }
        try {
            return SecretDelivery.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String knownTenantModules() {
        var keys = new ArrayList<String>();
        catalog.byScope(ModuleScope.TENANT).forEach(m -> keys.add(m.key()));
        return String.join(", ", keys);
    }
}
