package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;

/**
 * The two ClusterRoles that tenants' people hold in their namespace (bound there by {@link TenantAccessRenderer}),
 * rendered once per cluster; and {@value TenantReconcilerRenderer#CLUSTER_ROLE}, the tenant reconciler's rules as a
 * ClusterRole, which the operators bind in the namespace of an MLCluster written by hand.
 *
 * <p>The rules are explicit: no {@code aggregationRule} and no {@code aggregate-to-*} label, so nothing another
 * project aggregates (Flux's {@code flux-edit} goes into {@code admin} and {@code edit}) can widen them.
 * {@value #ADMIN} manages the workloads a team runs: pods (with exec, attach, port-forward and logs), Deployments,
 * StatefulSets, Jobs, Services, ConfigMaps, Secrets, claims, KubeRay, KServe and LeaderWorkerSet objects. It reads,
 * but never writes, what the platform writes to fence the namespace in: ResourceQuotas, LimitRanges,
 * NetworkPolicies, ServiceAccounts and Ingresses (hosts belong to the platform). It has nothing at all on RBAC
 * objects, service account tokens, Flux's toolkit groups, Kueue and {@code ml.nova.io}. {@value #VIEWER} reads the
 * same kinds except Secrets, and cannot exec, attach or port-forward.
 */
final class TenantRolesRenderer {

    static final String ADMIN = "nova-tenant-admin";
    static final String VIEWER = "nova-tenant-viewer";

    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> WRITE = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    /** Resources of one API group; {@code writable} false for those a tenant admin only reads. */
    private record Kinds(String group, List<String> resources, boolean writable) {
    }

    private static final List<Kinds> WORKLOADS = List.of(
            new Kinds("", List.of("pods", "services", "configmaps", "persistentvolumeclaims"), true),
            new Kinds("apps", List.of("deployments", "deployments/scale", "statefulsets", "statefulsets/scale",
                    "replicasets", "replicasets/scale"), true),
            new Kinds("batch", List.of("jobs", "cronjobs"), true),
            new Kinds("autoscaling", List.of("horizontalpodautoscalers"), true),
            new Kinds("policy", List.of("poddisruptionbudgets"), true),
            new Kinds("ray.io", List.of("rayclusters", "rayjobs", "rayservices"), true),
            new Kinds("serving.kserve.io", List.of("inferenceservices", "llminferenceservices", "inferencegraphs",
                    "servingruntimes", "trainedmodels"), true),
            new Kinds("leaderworkerset.x-k8s.io", List.of("leaderworkersets", "leaderworkersets/scale"), true),
            // status and history only
            new Kinds("", List.of("pods/log", "events", "resourcequotas", "limitranges", "serviceaccounts",
                    "endpoints"), false),
            new Kinds("events.k8s.io", List.of("events"), false),
            new Kinds("discovery.k8s.io", List.of("endpointslices"), false),
            new Kinds("networking.k8s.io", List.of("ingresses", "networkpolicies"), false));

    List<ClusterRole> render(String cluster) {
        var admin = new ArrayList<PolicyRule>();
        var viewer = new ArrayList<PolicyRule>();
        for (Kinds kinds : WORKLOADS) {
            admin.add(rule(kinds.group(), kinds.resources(), kinds.writable() ? WRITE : READ));
            viewer.add(rule(kinds.group(), kinds.resources(), READ));
        }
        admin.add(rule("", List.of("secrets"), WRITE));
        // exec and port-forward open a stream with GET (websockets) or POST; both verbs are checked
        admin.add(rule("", List.of("pods/exec", "pods/attach", "pods/portforward"), List.of("get", "create")));
        return List.of(role(cluster, ADMIN, admin), role(cluster, VIEWER, viewer),
                role(cluster, TenantReconcilerRenderer.CLUSTER_ROLE, TenantReconcilerRenderer.RULES));
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    private static ClusterRole role(String cluster, String name, List<PolicyRule> rules) {
        return new ClusterRoleBuilder()
                .withNewMetadata().withName(name).withLabels(Labels.owned(cluster)).endMetadata()
                .withRules(rules)
                .build();
    }
}
