package io.nova.platform.app.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.k8s.direct.ApiRateLimiter;
import io.nova.platform.k8s.direct.DirectDelivery;
import io.nova.platform.k8s.direct.ManagedKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ClusterRole grants what the platform uses and nothing more.
 *
 * <p>DIRECT delivery's accesses are not listed by hand: {@link DirectDelivery} creates, updates and prunes one object
 * of every kind in {@link ManagedKind#DEFAULTS} against the fabric8 CRUD mock API server, and every request it sent
 * is translated into the RBAC verb the real API server would authorise ({@link ApiAccess}). The operators are
 * recorded the same way ({@link OperatorAccesses}). A new managed kind or a new kind of call shows up here without
 * anyone updating a list. Two accesses are named by hand: ModuleStatusReader's list of a namespace's HelmReleases
 * the {@code bind} of the ClusterRoles the platform binds (the tenant roles in tenant namespaces, {@code cluster-admin}
 * for Flux's {@code nova-gitops}) and the {@code escalate} that lets it write the tenant roles' rules, which the API
 * server checks when those bindings and roles are written. The mock authorises nothing, so what is proven is "the ClusterRole grants every call the code makes",
 * not that a real API server's admission accepts them.
 */
@EnableKubernetesMockClient(crud = true)
class ChartRbacTest {

    /** ModuleStatusReader lists the HelmReleases of each namespace with modules to report their status. */
    private static final ApiAccess READ_RELEASE = new ApiAccess("helm.toolkit.fluxcd.io", "helmreleases", "list");
    /** TenantAccessRenderer binds the tenant roles in tenant namespaces; FluxBootstrapRenderer binds cluster-admin. */
    private static final ApiAccess BIND = new ApiAccess("rbac.authorization.k8s.io", "clusterroles", "bind");
    /** TenantRolesRenderer writes rules (pods/exec, secrets, ...) that the platform does not hold itself. */
    private static final ApiAccess ESCALATE = new ApiAccess("rbac.authorization.k8s.io", "clusterroles", "escalate");
    /** TenantReconcilerRenderer binds the Role nova-reconciler to the ServiceAccount of that name. */
    private static final ApiAccess BIND_ROLE = new ApiAccess("rbac.authorization.k8s.io", "roles", "bind");
    /** TenantReconcilerRenderer writes nova-reconciler's rules (workloads, Secrets, Roles), held nowhere else. */
    private static final ApiAccess ESCALATE_ROLE = new ApiAccess("rbac.authorization.k8s.io", "roles", "escalate");

    KubernetesMockServer server;
    KubernetesClient client;

    /** Closes the watches before the mock server shuts down; it waits for open connections otherwise. */
    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void rbac_has_no_wildcards() {
        var chart = HelmChart.template("pilot.yaml");

        assertThat(rules(chart)).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).isNotEmpty().doesNotContain("*");
            assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        });
        assertThat(chart.yaml()).doesNotContain("\"*\"").doesNotContain("'*'");
    }

    @Test
    void rbac_covers_every_kind_the_platform_writes() throws InterruptedException {
        Set<ApiAccess> direct = directDeliveryAccesses();
        Set<ApiAccess> granted = granted(rules(HelmChart.template("minimal.yaml")));

        for (ManagedKind kind : ManagedKind.DEFAULTS) {
            assertThat(direct).as("DirectDelivery exercised " + kind.kind()).extracting(ApiAccess::resource)
                    .contains(kind.plural());
        }
        assertThat(granted).containsAll(direct).contains(READ_RELEASE, BIND, ESCALATE, BIND_ROLE, ESCALATE_ROLE);
    }

    @Test
    void rbac_covers_what_the_operators_do() throws InterruptedException {
        MockKinds.register(server);
        Set<ApiAccess> operators = OperatorAccesses.record(server, client);

        assertThat(operators).contains(new ApiAccess("", "nodes", "patch"),
                new ApiAccess("ml.nova.io", "mlclusters/status", "update"),
                new ApiAccess("ml.nova.io", "mlinfrastructures/status", "update"),
                new ApiAccess("nvidia.com", "clusterpolicies", "list"));
        assertThat(granted(rules(HelmChart.template("minimal.yaml")))).containsAll(operators);
    }

    @Test
    void the_agents_cluster_role_in_a_gitops_cluster_covers_what_the_operators_do() throws InterruptedException {
        MockKinds.register(server);
        Set<ApiAccess> operators = OperatorAccesses.record(server, client);
        var cluster = new io.nova.platform.core.cluster.ClusterView("lab",
                io.nova.platform.core.cluster.DeliveryMode.GITOPS, null, null,
                new io.nova.platform.core.cluster.GitOpsTarget("https://git.example.com/fleet.git", "main",
                        "clusters/lab"),
                new io.nova.platform.core.cluster.ClusterSync(io.nova.platform.core.cluster.SyncState.PENDING, null,
                        null, null, null), 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH);

        var agent = new io.nova.platform.k8s.render.ClusterRenderer(io.nova.platform.k8s.render.RenderSettings
                .defaults()).renderClusterUnit(new io.nova.platform.core.desired.DesiredState(cluster, List.of(),
                List.of(), List.of(), List.of())).stream()
                .filter(o -> o instanceof ClusterRole && o.getMetadata().getName().equals("nova-agent"))
                .map(ClusterRole.class::cast).findFirst().orElseThrow();

        assertThat(granted(agent.getRules())).containsAll(operators);
    }

    @Test
    void rbac_covers_reading_kueues_queues() throws InterruptedException {
        Set<ApiAccess> reads = queueReaderAccesses();

        assertThat(reads).contains(new ApiAccess("kueue.x-k8s.io", "clusterqueues", "list"),
                new ApiAccess("kueue.x-k8s.io", "workloads", "list"));
        assertThat(granted(rules(HelmChart.template("minimal.yaml")))).containsAll(reads);
    }

    @Test
    void rbac_grants_nothing_the_platform_does_not_use() throws InterruptedException {
        Set<ApiAccess> used = new LinkedHashSet<>(directDeliveryAccesses());
        used.addAll(queueReaderAccesses());
        used.addAll(OperatorAccesses.record(server, client));
        used.add(READ_RELEASE);
        used.add(BIND);
        used.add(ESCALATE);
        used.add(BIND_ROLE);
        used.add(ESCALATE_ROLE);

        assertThat(granted(rules(HelmChart.template("minimal.yaml")))).isSubsetOf(used);
        assertThat(used).extracting(ApiAccess::resource).doesNotContain("secrets");
    }

    @Test
    void bind_is_limited_to_the_roles_the_platform_binds_and_never_admin_or_edit() {
        assertThat(rules(HelmChart.template("minimal.yaml")))
                .filteredOn(rule -> rule.getVerbs().contains("bind")).hasSize(2)
                .allSatisfy(rule -> assertThat(rule.getVerbs()).containsExactly("bind"))
                .anySatisfy(rule -> {
                    assertThat(rule.getResources()).containsExactly("clusterroles");
                    assertThat(rule.getResourceNames()).containsExactlyInAnyOrder("cluster-admin",
                            "nova-tenant-admin", "nova-tenant-viewer", "nova-tenant-reconciler");
                })
                .anySatisfy(rule -> {
                    assertThat(rule.getResources()).containsExactly("roles");
                    assertThat(rule.getResourceNames()).containsExactly("nova-reconciler");
                });
    }

    @Test
    void escalate_is_granted_on_roles_and_cluster_roles_only_each_alone_in_its_rule() {
        assertThat(rules(HelmChart.template("minimal.yaml")))
                .filteredOn(rule -> rule.getVerbs().contains("escalate")).hasSize(2)
                .allSatisfy(rule -> {
                    assertThat(rule.getVerbs()).containsExactly("escalate");
                    assertThat(rule.getResources()).hasSize(1);
                })
                .extracting(rule -> rule.getResources().getFirst())
                .containsExactlyInAnyOrder("clusterroles", "roles");
    }

    @Test
    void every_rule_says_why_in_a_comment() {
        List<String> lines = HelmChart.source("templates/rbac.yaml").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("- apiGroups:")) {
                assertThat(lines.get(i - 1).trim()).as("comment above rule at line " + (i + 1)).startsWith("#");
            }
        }
    }

    @Test
    void the_binding_gives_the_role_to_the_platforms_service_account() {
        var chart = HelmChart.template("minimal.yaml");
        ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);

        assertThat(binding.getRoleRef().getName()).isEqualTo(chart.one(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
        });
        assertThat(chart.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
    }

    /** Create, change and prune one object of every managed kind; every request DirectDelivery sent, as RBAC. */
    private Set<ApiAccess> directDeliveryAccesses() throws InterruptedException {
        MockKinds.register(server);
        var delivery = new DirectDelivery(client, "local", new ApiRateLimiter(), ManagedKind.DEFAULTS);
        drain();
        assertThat(delivery.apply(objects("first")).problems()).isEmpty();
        assertThat(delivery.apply(objects("second")).problems()).isEmpty();
        assertThat(delivery.apply(List.of()).problems()).isEmpty();
        var accesses = new LinkedHashSet<ApiAccess>();
        for (RecordedRequest request : drain()) {
            accesses.add(ApiAccess.of(request));
        }
        assertThat(accesses).extracting(ApiAccess::verb).contains("create", "update", "delete", "get", "list");
        return accesses;
    }

    /** What the live picture of the GPU queues reads: the cluster's ClusterQueues and a tenant's Workloads. */
    private Set<ApiAccess> queueReaderAccesses() throws InterruptedException {
        MockKinds.register(server);
        var queue = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        queue.setApiVersion("kueue.x-k8s.io/v1beta2");
        queue.setKind("ClusterQueue");
        queue.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("nova-team")
                .withLabels(io.nova.platform.k8s.render.Labels.owned("local")).build());
        if (client.resource(queue).get() == null) {
            client.resource(queue).create();
        }
        drain();
        var cluster = new io.nova.platform.core.cluster.ClusterView("local",
                io.nova.platform.core.cluster.DeliveryMode.DIRECT, null, null, null, null, 0,
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        var observed = new io.nova.platform.k8s.quota.KueueQueueReader(c -> client, java.time.Clock.systemUTC(),
                java.time.Duration.ZERO).observe(cluster, List.of("nova-team"));
        assertThat(observed.reachable()).as(String.valueOf(observed.message())).isTrue();
        var accesses = new LinkedHashSet<ApiAccess>();
        for (RecordedRequest request : drain()) {
            accesses.add(ApiAccess.of(request));
        }
        return accesses;
    }

    private List<RecordedRequest> drain() throws InterruptedException {
        var requests = new ArrayList<RecordedRequest>();
        for (RecordedRequest request; (request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(request);
        }
        return requests;
    }

    private static List<HasMetadata> objects(String revision) {
        return ManagedKind.DEFAULTS.stream().<HasMetadata>map(kind -> {
            var object = new GenericKubernetesResource();
            object.setApiVersion(kind.apiVersion());
            object.setKind(kind.kind());
            object.setMetadata(new ObjectMetaBuilder().withName(kind.kind().equals("Namespace") ? "team-a" : "sample")
                    .withNamespace(kind.namespaced() ? "team-a" : null)
                    .withAnnotations(Map.of("revision", revision)).build());
            return object;
        }).toList();
    }

    private static List<PolicyRule> rules(RenderedChart chart) {
        return chart.one(ClusterRole.class).getRules();
    }

    private static Set<ApiAccess> granted(List<PolicyRule> rules) {
        var granted = new LinkedHashSet<ApiAccess>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new ApiAccess(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }
}
