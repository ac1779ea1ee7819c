package io.nova.platform.k8s.direct;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A kind of object the platform may own on a cluster. Listing, reading and pruning use exactly this description
 * (never API discovery), so a kind whose plural or scope is wrong here is a kind the platform cannot manage.
 *
 * @param apiVersion {@code group/version}, or just the version for the core group ({@code v1})
 * @param plural     the resource name in URLs, e.g. {@code helmreleases}
 * @param namespaced false for cluster-scoped kinds such as Namespace
 */
public record ManagedKind(String apiVersion, String kind, String plural, boolean namespaced) {

    /**
     * Every kind Nova Platform renders, in apply order: Namespaces, the identities and roles that bindings name
     * (Flux's ServiceAccount, the tenant ClusterRoles and cluster binding, the admission policy that keeps tenant pods
     * off the reconciler identity, the tenants' reconciler Roles), then namespaced configuration, then Flux
     * sources, then HelmReleases, the routes to the tools' web UIs (Ingress or Gateway API HTTPRoute), the
     * model-serving objects the tenant modules' operators reconcile (RayService, InferenceService), and our own custom
     * resources. Kueue's quota model (flavors, cohort, priority classes, the tenants' queues) comes after the releases
 * that install Kueue. Pruning walks this list backwards.
     */
    public static final List<ManagedKind> DEFAULTS = List.of(
            new ManagedKind("v1", "Namespace", "namespaces", false),
            new ManagedKind("v1", "ServiceAccount", "serviceaccounts", true),
            new ManagedKind("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
            new ManagedKind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
            new ManagedKind("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy",
                    "validatingadmissionpolicies", false),
            new ManagedKind("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding",
                    "validatingadmissionpolicybindings", false),
            new ManagedKind("rbac.authorization.k8s.io/v1", "Role", "roles", true),
            new ManagedKind("v1", "ResourceQuota", "resourcequotas", true),
            new ManagedKind("v1", "LimitRange", "limitranges", true),
            new ManagedKind("v1", "ConfigMap", "configmaps", true),
            new ManagedKind("apps/v1", "Deployment", "deployments", true),
            new ManagedKind("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
            new ManagedKind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
            new ManagedKind("source.toolkit.fluxcd.io/v1", "HelmRepository", "helmrepositories", true),
            new ManagedKind("source.toolkit.fluxcd.io/v1", "OCIRepository", "ocirepositories", true),
            new ManagedKind("external-secrets.io/v1", "SecretStore", "secretstores", true),
            new ManagedKind("external-secrets.io/v1", "ExternalSecret", "externalsecrets", true),
            new ManagedKind("helm.toolkit.fluxcd.io/v2", "HelmRelease", "helmreleases", true),
            new ManagedKind("networking.k8s.io/v1", "Ingress", "ingresses", true),
            new ManagedKind("gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes", true),
            new ManagedKind("kueue.x-k8s.io/v1beta2", "ResourceFlavor", "resourceflavors", false),
            new ManagedKind("kueue.x-k8s.io/v1beta2", "Cohort", "cohorts", false),
            new ManagedKind("kueue.x-k8s.io/v1beta2", "WorkloadPriorityClass", "workloadpriorityclasses", false),
            new ManagedKind("kueue.x-k8s.io/v1beta2", "ClusterQueue", "clusterqueues", false),
            new ManagedKind("kueue.x-k8s.io/v1beta2", "LocalQueue", "localqueues", true),
            new ManagedKind("ray.io/v1", "RayService", "rayservices", true),
            new ManagedKind("serving.kserve.io/v1beta1", "InferenceService", "inferenceservices", true),
            new ManagedKind("serving.kserve.io/v1alpha2", "LLMInferenceService", "llminferenceservices", true),
            new ManagedKind("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "leaderworkersets", true),
            new ManagedKind("v1", "Service", "services", true),
            new ManagedKind("ml.nova.io/v1alpha1", "MLInfrastructure", "mlinfrastructures", false),
            new ManagedKind("ml.nova.io/v1alpha1", "MLCluster", "mlclusters", true));

    public ManagedKind {
        requireText(apiVersion, "apiVersion");
        requireText(kind, "kind");
        requireText(plural, "plural");
        if (apiVersion.indexOf('/') != apiVersion.lastIndexOf('/') || apiVersion.endsWith("/")
                || apiVersion.startsWith("/")) {
            throw new IllegalArgumentException("apiVersion must be group/version or version, was " + apiVersion);
        }
    }

    /** The API group, empty for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** What fabric8's generic client needs to address this kind without discovery. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group())
                .withVersion(version())
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    public boolean matches(HasMetadata object) {
        return apiVersion.equals(object.getApiVersion()) && kind.equals(object.getKind());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
