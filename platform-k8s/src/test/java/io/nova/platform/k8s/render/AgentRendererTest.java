package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.nova.platform.k8s.agent.AgentSettings;
import org.junit.jupiter.api.Test;

/** The agent a GitOps cluster runs, as the platform commits it into the cluster's folder. */
class AgentRendererTest {

    private static final RenderSettings SETTINGS = RenderSettings.defaults()
            .withOidc("https://vault.example.com/v1/identity/oidc/provider/nova", "https://vault.example.com")
            .withAgent(new AgentDeployment(true, "registry.example.com/nova/nova-platform:1.2.3", "ml.example.com"));

    @Test
    void a_gitops_cluster_runs_the_platforms_image_in_agent_mode_with_the_platforms_settings() {
        List<HasMetadata> objects = new ClusterRenderer(SETTINGS).render(DesiredStates.gitops().build());

        Deployment deployment = (Deployment) find(objects, "Deployment", "nova-agent");
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example.com/nova/nova-platform:1.2.3");
        assertThat(container.getArgs()).containsExactly("--agent");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
                org.assertj.core.groups.Tuple.tuple(AgentSettings.CLUSTER, "lab"),
                org.assertj.core.groups.Tuple.tuple(AgentSettings.INGRESS_DOMAIN, "ml.example.com"),
                org.assertj.core.groups.Tuple.tuple(AgentSettings.OIDC_ISSUER,
                        "https://vault.example.com/v1/identity/oidc/provider/nova"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("nova-agent");
        Namespace namespace = (Namespace) find(objects, "Namespace", "nova-agent");
        assertThat(namespace.getMetadata().getAnnotations())
                .containsEntry("kustomize.toolkit.fluxcd.io/prune", "disabled");
        assertThat(objects.indexOf(namespace)).isLessThan(objects.indexOf(deployment));
    }

    @Test
    void the_agents_cluster_role_reads_and_writes_only_what_its_operators_need() {
        List<HasMetadata> objects = new ClusterRenderer(SETTINGS).render(DesiredStates.gitops().build());

        ClusterRole role = (ClusterRole) find(objects, "ClusterRole", "nova-agent");
        List<String> resources = role.getRules().stream().flatMap(rule -> rule.getResources().stream()).toList();
        assertThat(resources).doesNotContain("secrets", "namespaces", "roles", "clusterrolebindings", "*");
        assertThat(role.getRules()).filteredOn(rule -> rule.getResources().contains("clusterroles")).singleElement()
                .satisfies(rule -> {
                    assertThat(rule.getVerbs()).containsExactly("bind");
                    assertThat(rule.getResourceNames()).containsExactlyInAnyOrder("nova-tenant-reconciler",
                            "nova-tenant-admin", "nova-tenant-viewer");
                });
        assertThat(role.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "escalate",
                "impersonate");
        assertThat(role.getRules()).filteredOn(rule -> rule.getResources().contains("nodes")).singleElement()
                .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("get", "list", "watch", "patch"));
        assertThat(role.getRules()).filteredOn(rule -> rule.getResources().contains("mlclusters")).singleElement()
                .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("get", "list", "watch"));
    }

    @Test
    void direct_clusters_and_an_install_that_switched_the_agent_off_run_none() {
        assertThat(new ClusterRenderer(SETTINGS).render(DesiredStates.direct().build()))
                .extracting(ClusterRenderer::id).noneMatch(id -> id.contains("nova-agent"));
        assertThat(new ClusterRenderer(SETTINGS.withAgent(new AgentDeployment(false, null, null)))
                .render(DesiredStates.gitops().build()))
                .extracting(ClusterRenderer::id).noneMatch(id -> id.contains("nova-agent"));
    }

    private static HasMetadata find(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
