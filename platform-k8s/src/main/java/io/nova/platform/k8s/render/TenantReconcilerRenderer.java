package io.nova.platform.k8s.render;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.nova.platform.core.tenant.TenantSnapshot;

/**
 * The identity Flux's helm-controller takes on for a tenant's HelmReleases ({@code spec.serviceAccountName}): a
 * ServiceAccount {@value #NAME} in the tenant namespace, bound to a Role of the same name that can manage only the
 * namespaced kinds the tenant modules' charts render. Whatever a chart asks for beyond that fails to install instead
 * of being created with the controller's cluster-admin rights.
 *
 * <p>Left out on purpose: NetworkPolicies (the platform owns the tenant's network policies; the charts' own are
 * switched off through platform values), ResourceQuotas and LimitRanges, Flux's and the platform's own kinds
 * ({@code *.toolkit.fluxcd.io}, {@code ml.nova.io}), Kueue, anything cluster-scoped, DaemonSets, and the
 * {@code escalate}, {@code bind} and {@code impersonate} verbs. Roles and RoleBindings are in, because JupyterHub
 * and Airflow create them; Kubernetes lets this identity grant only rights it holds itself, in this namespace.
 */
final class TenantReconcilerRenderer {

    /** The ServiceAccount, Role and RoleBinding name in every tenant namespace. */
    static final String NAME = "nova-reconciler";
    /**
     * The same rules as a ClusterRole, rendered once per cluster: the operators bind it in the namespace of an MLCluster
     * written by hand, holding only {@code bind} on it instead of every right it grants.
     */
    static final String CLUSTER_ROLE = "nova-tenant-reconciler";

    private static final List<String> MANAGE = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    /**
     * The rules, each with the charts that need it (checked by rendering the real charts, TenantChartsRenderTest).
     * Helm keeps its release records as Secrets in the release namespace, so Secrets are needed by every release.
     */
    static final List<PolicyRule> RULES = List.of(
            // every chart: Services, ConfigMaps, Secrets (and Helm's release records); ServiceAccounts (JupyterHub
            // hub, MLflow, MinIO, Airflow); PVCs (JupyterHub hub db, code-server, MinIO, Airflow); Pods: JupyterHub's
            // hub Role and Airflow's pod-launcher Role grant them, so this identity must hold them too
            rule("", List.of("configmaps", "secrets", "services", "serviceaccounts", "persistentvolumeclaims", "pods"),
                    MANAGE),
            // Airflow's pod-launcher and pod-log-reader Roles grant these; JupyterHub's hub Role reads events
            rule("", List.of("pods/log"), List.of("get", "list")),
            rule("", List.of("pods/exec"), List.of("get", "create")),
            rule("", List.of("events"), List.of("get", "list", "watch")),
            // workloads: Deployments (all), StatefulSets (MinIO, Airflow), Jobs and CronJobs (Airflow's database
            // jobs and cleanup, MinIO's post-install job, code-server's cron job)
            rule("apps", List.of("deployments", "statefulsets"), MANAGE),
            rule("batch", List.of("jobs", "cronjobs"), MANAGE),
            // JupyterHub's hub and proxy PodDisruptionBudgets; MLflow's autoscaling
            rule("policy", List.of("poddisruptionbudgets"), MANAGE),
            rule("autoscaling", List.of("horizontalpodautoscalers"), MANAGE),
            // the charts' Ingresses (JupyterHub, MLflow, Airflow, MinIO)
            rule("networking.k8s.io", List.of("ingresses"), MANAGE),
            // JupyterHub's hub Role and RoleBinding, Airflow's pod-launcher and log-reader
            rule("rbac.authorization.k8s.io", List.of("roles", "rolebindings"), MANAGE),
            // MLflow's and MinIO's ServiceMonitors, when metrics are on
            rule("monitoring.coreos.com", List.of("servicemonitors", "podmonitors"), MANAGE));

    List<HasMetadata> render(String cluster, TenantSnapshot tenant) {
        var labels = Labels.tenant(cluster, tenant.slug());
        String namespace = tenant.namespace();
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                        .withLabels(labels).endMetadata().build(),
                new RoleBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels)
                        .endMetadata().withRules(RULES).build(),
                new RoleBindingBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels)
                        .endMetadata()
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(NAME)
                        .endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(namespace).endSubject()
                        .build());
    }

    /** The ServiceAccount and a RoleBinding of {@value #CLUSTER_ROLE} to it, for an MLCluster written by hand. */
    List<HasMetadata> renderBoundToClusterRole(String cluster, String tenant, String namespace) {
        var labels = Labels.tenant(cluster, tenant);
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                        .withLabels(labels).endMetadata().build(),
                new RoleBindingBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels)
                        .endMetadata()
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                        .withName(CLUSTER_ROLE).endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(namespace).endSubject()
                        .build());
    }

    private static PolicyRule rule(String apiGroup, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resources).withVerbs(verbs).build();
    }
}
