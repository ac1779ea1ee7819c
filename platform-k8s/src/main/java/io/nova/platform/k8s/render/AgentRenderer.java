package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.nova.platform.k8s.agent.AgentSettings;
import io.nova.platform.k8s.agent.NovaAgent;

/**
 * The platform's agent in a GitOps cluster: its namespace {@value #NAMESPACE} (never pruned), ServiceAccount,
 * least-privilege ClusterRole, the Role for its leader Lease, and a Deployment of the platform's own image in agent
 * mode ({@link NovaAgent}), configured with the platform's render settings so that it expands MLClusters exactly as
 * the platform renders them. What the ClusterRole allows, and nothing else: read MLClusters and MLInfrastructures and
 * write their status; read and patch Nodes (labels and the pool taint); read the GPU Operator's ClusterPolicy; manage
 * the Flux sources and HelmReleases, Ingresses and HTTPRoutes that MLCluster expansion makes, and the ServiceAccounts,
 * RoleBindings, LimitRanges and NetworkPolicies of a hand-written MLCluster's namespace, with {@code bind} on the platform's three tenant
 * ClusterRoles only. No Secrets, no Roles or ClusterRoles to write, no Namespaces.
 */
final class AgentRenderer {

    static final String NAMESPACE = "nova-agent";
    static final String NAME = "nova-agent";
    static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

    private final RenderSettings settings;

    AgentRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    List<HasMetadata> render(String cluster) {
        AgentDeployment agent = settings.agent();
        if (!agent.enabled()) {
            return List.of();
        }
        var labels = Labels.owned(cluster);
        labels.put("app.kubernetes.io/name", NAME);
        var objects = new ArrayList<HasMetadata>();
        var namespaceLabels = new java.util.TreeMap<>(labels);
        // the agent runs under the restricted Pod Security Standard
        namespaceLabels.put("pod-security.kubernetes.io/enforce", "restricted");
        namespaceLabels.put("pod-security.kubernetes.io/enforce-version", settings.isolation().podSecurityVersion());
        objects.add(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).withLabels(namespaceLabels)
                // deleting the namespace would delete the agent with it the moment the platform stops rendering it
                .withAnnotations(Map.of(FLUX_PRUNE, "disabled")).endMetadata().build());
        objects.add(new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                .withLabels(labels).endMetadata().build());
        objects.add(new ClusterRoleBuilder().withNewMetadata().withName(NAME).withLabels(labels).endMetadata()
                .withRules(clusterRules()).build());
        objects.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(NAME).withLabels(labels).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(NAME)
                .endRoleRef().addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(NAMESPACE)
                .endSubject().build());
        objects.add(new RoleBuilder().withNewMetadata().withName(NAME + "-lease").withNamespace(NAMESPACE)
                .withLabels(labels).endMetadata()
                .withRules(rule("coordination.k8s.io", List.of("leases"), "get", "list", "watch", "create", "update",
                        "patch")).build());
        objects.add(new RoleBindingBuilder().withNewMetadata().withName(NAME + "-lease").withNamespace(NAMESPACE)
                .withLabels(labels).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(NAME + "-lease")
                .endRoleRef().addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(NAMESPACE)
                .endSubject().build());
        objects.add(deployment(cluster, agent, labels));
        return objects;
    }

    private static List<PolicyRule> clusterRules() {
        String[] manage = {"get", "list", "watch", "create", "update", "patch", "delete"};
        return List.of(
                rule("ml.nova.io", List.of("mlclusters", "mlinfrastructures"), "get", "list", "watch"),
                rule("ml.nova.io", List.of("mlclusters/status", "mlinfrastructures/status"), "get", "update", "patch"),
                rule("", List.of("nodes"), "get", "list", "watch", "patch"),
                rule("nvidia.com", List.of("clusterpolicies"), "get", "list", "watch"),
                rule("helm.toolkit.fluxcd.io", List.of("helmreleases"), manage),
                rule("source.toolkit.fluxcd.io", List.of("helmrepositories", "ocirepositories"), manage),
                rule("networking.k8s.io", List.of("ingresses"), manage),
                // a hand-written MLCluster's namespace: the reconciler identity its releases run as, the groups'
                // bindings; binding only the platform's three tenant ClusterRoles, never holding what they grant
                rule("", List.of("serviceaccounts", "limitranges"), manage),
                rule("networking.k8s.io", List.of("networkpolicies"), manage),
                rule("rbac.authorization.k8s.io", List.of("rolebindings"), manage),
                new PolicyRuleBuilder().withApiGroups("rbac.authorization.k8s.io").withResources("clusterroles")
                        .withResourceNames(TenantReconcilerRenderer.CLUSTER_ROLE, TenantRolesRenderer.ADMIN,
                                TenantRolesRenderer.VIEWER).withVerbs("bind").build(),
                rule("gateway.networking.k8s.io", List.of("httproutes"), manage),
                rule("", List.of("events"), "create", "patch"));
    }

    private static PolicyRule rule(String group, List<String> resources, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    private HasMetadata deployment(String cluster, AgentDeployment agent, Map<String, String> labels) {
        var selector = Map.of("app.kubernetes.io/name", NAME);
        var env = new ArrayList<EnvVar>();
        env.add(value(AgentSettings.CLUSTER, cluster));
        env.add(new EnvVarBuilder().withName(AgentSettings.NAMESPACE).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        env.add(new EnvVarBuilder().withName(AgentSettings.IDENTITY).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
        env.add(value(AgentSettings.INGRESS_DOMAIN, agent.ingressDomain()));
        if (settings.oidcIssuer() != null) {
            env.add(value(AgentSettings.OIDC_ISSUER, settings.oidcIssuer()));
        }
        if (settings.oidcAuthorizeUrl() != null) {
            env.add(value(AgentSettings.OIDC_AUTHORIZE_URL, settings.oidcAuthorizeUrl()));
        }
        env.add(value(AgentSettings.VAULT_ADDRESS, settings.vaultAddress()));
        env.add(value(AgentSettings.VAULT_SECRETS, String.valueOf(settings.vaultSecrets())));
        env.add(value(AgentSettings.ADMIN_GROUPS, String.join(",", settings.platformGroups().admins())));
        env.add(value(AgentSettings.VIEWER_GROUPS, String.join(",", settings.platformGroups().viewers())));
        env.add(value("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError "
                + "-Djava.io.tmpdir=/tmp"));
        return new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE).withLabels(labels)
                .endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(selector).endMetadata()
                .withNewSpec().withServiceAccountName(NAME).withAutomountServiceAccountToken(true)
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("agent").withImage(agent.image()).withArgs("--agent").withEnv(env)
                .addNewPort().withName("health").withContainerPort(AgentSettings.DEFAULT_HEALTH_PORT).endPort()
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withNewPort("health").endHttpGet()
                .withInitialDelaySeconds(30).withPeriodSeconds(20).endLivenessProbe()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort("health").endHttpGet()
                .withPeriodSeconds(10).endReadinessProbe()
                .withNewResources().withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("512Mi"))).endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/nova").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
