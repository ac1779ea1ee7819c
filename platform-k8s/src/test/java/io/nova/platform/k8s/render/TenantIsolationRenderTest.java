package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.k8s.delivery.CanonicalYaml;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import org.junit.jupiter.api.Test;

/**
 * Two tenants on two pools, read the way a cluster admin would read the YAML: tenant {@code vision} has a quota on
 * the A100 MIG pool only and serves a model there, tenant {@code speech} has a quota on the T4 pool only.
 */
class TenantIsolationRenderTest {

    private static final String API_SERVER = "10.96.0.1/32";
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "ingress-nginx", "monitoring", "vault");

    private final ClusterRenderer renderer = new ClusterRenderer(RenderSettings.defaults()
            .withIsolation(new TenantIsolationSettings(null, null, List.of(API_SERVER), null, 0, null, 0, 0)));

    private final DesiredState twoTenants = DesiredStates.gitops()
            .pool("a100", "A100-80GB", 2, 8, GpuSharing.migLayout(MigStrategy.mixed, "all-balanced"))
            .pool("t4", "T4", 4, 1, GpuSharing.exclusive())
            .tenant("vision", "vision-admins").members("vision", "vision-users").egress("vision", "10.20.0.0/16")
            .tenant("speech", "speech-admins")
            .quota("vision", "a100", "nvidia.com/mig-1g.10gb", 2, 4)
            .quota("speech", "t4", "nvidia.com/gpu", 1, 2)
            .module("vision", "jupyterhub")
            .module("speech", "minio").module("speech", "mlflow")
            .model("vision", "qwen", "Qwen/Qwen2.5-1.5B-Instruct", Precision.BF16, "a100", ServingEngine.KSERVE, 1)
            .build();
    private final List<HasMetadata> objects = renderer.render(twoTenants);

    // --- RBAC -------------------------------------------------------------------------------------------------------

    @Test
    void owners_administer_and_members_view_their_namespace_through_the_platforms_own_roles() {
        var admins = find(RoleBinding.class, "RoleBinding", "nova-vision", "nova-tenant-admin");
        assertThat(admins.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(admins.getRoleRef().getName()).isEqualTo("nova-tenant-admin");
        assertThat(admins.getSubjects()).extracting("kind", "name").containsExactly(
                org.assertj.core.groups.Tuple.tuple("Group", "vision-admins"));
        var viewers = find(RoleBinding.class, "RoleBinding", "nova-vision", "nova-tenant-viewer");
        assertThat(viewers.getRoleRef().getName()).isEqualTo("nova-tenant-viewer");
        assertThat(viewers.getSubjects()).extracting("name").containsExactly("vision-users");
        assertThat(of(RoleBinding.class, "RoleBinding")).extracting(b -> b.getRoleRef().getName())
                .doesNotContain("admin", "edit", "cluster-admin");
        assertThat(of(ClusterRoleBinding.class, "ClusterRoleBinding")).extracting(b -> b.getRoleRef().getName())
                .doesNotContain("nova-tenant-admin", "nova-tenant-viewer", "admin", "edit");
    }

    @Test
    void tenant_pods_may_not_run_as_the_identity_flux_installs_their_tools_with() {
        var policy = (io.fabric8.kubernetes.api.model.GenericKubernetesResource) objects.stream()
                .filter(o -> o.getKind().equals("ValidatingAdmissionPolicy")).findFirst().orElseThrow();
        var binding = (io.fabric8.kubernetes.api.model.GenericKubernetesResource) objects.stream()
                .filter(o -> o.getKind().equals("ValidatingAdmissionPolicyBinding")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) policy.getAdditionalProperties().get("spec");
        String yaml = io.nova.platform.k8s.delivery.CanonicalYaml.ofValue(spec);

        assertThat(yaml).contains("- pods").contains("- CREATE").contains("key: ml.nova.io/tenant")
                .contains("object.spec.serviceAccountName != 'nova-reconciler'").contains("failurePolicy: Fail");
        assertThat(binding.getAdditionalProperties().get("spec")).isEqualTo(Map.of("policyName",
                policy.getMetadata().getName(), "validationActions", List.of("Deny")));
        for (String namespace : List.of("nova-vision", "nova-speech")) {
            assertThat(find(io.fabric8.kubernetes.api.model.Namespace.class, "Namespace", null, namespace)
                    .getMetadata().getLabels()).containsKey("ml.nova.io/tenant");
        }
    }

    @Test
    void the_tenant_roles_are_explicit_so_that_no_aggregation_widens_them() {
        for (String name : List.of("nova-tenant-admin", "nova-tenant-viewer")) {
            var role = find(ClusterRole.class, "ClusterRole", null, name);
            assertThat(role.getAggregationRule()).isNull();
            assertThat(role.getMetadata().getLabels().keySet()).noneMatch(label -> label.contains("aggregate-to"));
            assertThat(role.getRules()).allSatisfy(rule -> {
                assertThat(rule.getApiGroups()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*");
                assertThat(rule.getVerbs()).doesNotContain("*", "bind", "escalate", "impersonate");
            });
        }
    }

    @Test
    void a_tenant_admin_manages_workloads_but_not_what_fences_the_namespace_in() {
        var admin = find(ClusterRole.class, "ClusterRole", null, "nova-tenant-admin");
        assertThat(can(admin, "", "pods", "create")).isTrue();
        assertThat(can(admin, "", "pods/exec", "create")).isTrue();
        assertThat(can(admin, "", "pods/portforward", "create")).isTrue();
        assertThat(can(admin, "", "pods/log", "get")).isTrue();
        assertThat(can(admin, "", "secrets", "create")).isTrue();
        assertThat(can(admin, "", "persistentvolumeclaims", "delete")).isTrue();
        assertThat(can(admin, "apps", "deployments", "update")).isTrue();
        assertThat(can(admin, "batch", "cronjobs", "create")).isTrue();
        assertThat(can(admin, "ray.io", "rayjobs", "create")).isTrue();
        assertThat(can(admin, "serving.kserve.io", "inferenceservices", "create")).isTrue();
        assertThat(can(admin, "leaderworkerset.x-k8s.io", "leaderworkersets", "create")).isTrue();
        assertThat(can(admin, "", "events", "list")).isTrue();

        assertThat(can(admin, "", "resourcequotas", "get")).as("reads its quota").isTrue();
        for (String verb : List.of("create", "update", "patch", "delete")) {
            assertThat(can(admin, "", "resourcequotas", verb)).isFalse();
            assertThat(can(admin, "", "limitranges", verb)).isFalse();
            assertThat(can(admin, "networking.k8s.io", "networkpolicies", verb)).isFalse();
            assertThat(can(admin, "networking.k8s.io", "ingresses", verb)).isFalse();
            assertThat(can(admin, "", "serviceaccounts", verb)).isFalse();
        }
        assertThat(can(admin, "", "serviceaccounts/token", "create")).isFalse();
        assertThat(admin.getRules()).flatExtracting(PolicyRule::getApiGroups).doesNotContain(
                "rbac.authorization.k8s.io", "helm.toolkit.fluxcd.io", "source.toolkit.fluxcd.io",
                "kustomize.toolkit.fluxcd.io", "kueue.x-k8s.io", "ml.nova.io");
    }

    @Test
    void a_viewer_reads_the_same_kinds_but_no_secrets_and_cannot_get_into_pods() {
        var admin = find(ClusterRole.class, "ClusterRole", null, "nova-tenant-admin");
        var viewer = find(ClusterRole.class, "ClusterRole", null, "nova-tenant-viewer");
        assertThat(viewer.getRules()).allSatisfy(rule ->
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch"));
        assertThat(can(viewer, "", "secrets", "get")).isFalse();
        assertThat(can(viewer, "", "pods/exec", "create")).isFalse();
        assertThat(can(viewer, "", "pods/exec", "get")).isFalse();
        assertThat(can(viewer, "", "pods/portforward", "get")).isFalse();
        assertThat(can(viewer, "", "pods/log", "get")).isTrue();
        for (PolicyRule rule : admin.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    boolean hidden = Set.of("secrets", "pods/exec", "pods/attach", "pods/portforward")
                            .contains(resource);
                    assertThat(can(viewer, group, resource, "list")).as(group + "/" + resource).isEqualTo(!hidden);
                }
            }
        }
    }

    @Test
    void a_suspended_tenants_owners_lose_write_access_and_keep_reading() {
        var state = DesiredStates.gitops().tenant("vision", "vision-admins").members("vision", "vision-users")
                .suspended("vision").build();
        var rendered = renderer.render(state);
        assertThat(rendered).noneMatch(o -> o.getKind().equals("RoleBinding")
                && o.getMetadata().getName().equals("nova-tenant-admin"));
        var viewers = (RoleBinding) rendered.stream().filter(o -> o.getKind().equals("RoleBinding")
                && o.getMetadata().getName().equals("nova-tenant-viewer")).findFirst().orElseThrow();
        assertThat(viewers.getRoleRef().getName()).isEqualTo("nova-tenant-viewer");
        assertThat(viewers.getSubjects()).extracting("name").containsExactly("vision-admins", "vision-users");
        var quota = (ResourceQuota) rendered.stream().filter(o -> o.getKind().equals("ResourceQuota")).findFirst()
                .orElseThrow();
        assertThat(quota.getSpec().getHard().get("pods").toString()).isEqualTo("0");
    }

    // --- quotas -----------------------------------------------------------------------------------------------------

    @Test
    void every_gpu_resource_name_of_every_pool_is_in_each_quota_at_the_grant_or_zero() {
        var vision = hard("nova-vision");
        var speech = hard("nova-speech");
        List<String> allNames = twoTenants.pools().stream().flatMap(p -> p.capacity().keySet().stream())
                .map(name -> "requests." + name).distinct().toList();
        assertThat(allNames).contains("requests.nvidia.com/gpu", "requests.nvidia.com/mig-1g.10gb");
        assertThat(vision).containsKeys(allNames.toArray(String[]::new));
        assertThat(speech).containsKeys(allNames.toArray(String[]::new));

        assertThat(vision).containsEntry("requests.nvidia.com/mig-1g.10gb", "4")
                .containsEntry("requests.nvidia.com/gpu", "0");
        assertThat(speech).containsEntry("requests.nvidia.com/gpu", "2");
        for (String name : allNames) {
            if (!name.equals("requests.nvidia.com/mig-1g.10gb")) {
                assertThat(vision).as("vision " + name).containsEntry(name, "0");
            }
            if (!name.equals("requests.nvidia.com/gpu")) {
                assertThat(speech).as("speech " + name).containsEntry(name, "0");
            }
        }
    }

    @Test
    void quotas_also_count_objects_no_load_balancers_or_node_ports_and_capped_pods_and_claims() {
        assertThat(hard("nova-speech")).containsEntry("services.loadbalancers", "0")
                .containsEntry("services.nodeports", "0").containsEntry("pods", "500")
                .containsEntry("persistentvolumeclaims", "100");
    }

    @Test
    void a_tenant_without_any_grant_still_gets_a_quota_with_every_gpu_name_at_zero() {
        var state = DesiredStates.gitops().pool("t4", "T4", 1, 1, GpuSharing.exclusive()).tenant("idle").build();
        var quota = (ResourceQuota) renderer.render(state).stream().filter(o -> o.getKind().equals("ResourceQuota"))
                .findFirst().orElseThrow();
        assertThat(quota.getSpec().getHard().get("requests.nvidia.com/gpu").toString()).isEqualTo("0");
    }

    // --- network ----------------------------------------------------------------------------------------------------

    @Test
    void the_namespace_denies_all_ingress_and_egress_by_default_and_allows_dns_and_its_own_pods() {
        var deny = policy("nova-vision", "nova-default-deny");
        assertThat(deny.getSpec().getPodSelector()).isEqualTo(new LabelSelector());
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

        var dns = policy("nova-vision", "nova-allow-dns").getSpec().getEgress().getFirst();
        assertThat(dns.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
        });
        assertThat(dns.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactlyInAnyOrder("UDP/53", "TCP/53");

        var same = policy("nova-vision", "nova-allow-same-namespace").getSpec();
        assertThat(same.getIngress().getFirst().getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getNamespaceSelector()).isNull());
        assertThat(same.getEgress().getFirst().getTo()).singleElement()
                .satisfies(peer -> assertThat(peer.getNamespaceSelector()).isNull());
    }

    @Test
    void the_ingress_controller_and_monitoring_reach_only_the_enabled_tools_ports() {
        assertThat(ports(policy("nova-vision", "nova-allow-ingress-controller"))).containsExactly(8000);
        assertThat(ports(policy("nova-vision", "nova-allow-monitoring"))).containsExactly(8081);
        assertThat(ports(policy("nova-speech", "nova-allow-ingress-controller"))).containsExactly(5000, 9000, 9001);
        assertThat(ports(policy("nova-speech", "nova-allow-monitoring"))).containsExactly(5000, 9000);
        assertThat(policy("nova-vision", "nova-allow-ingress-controller").getSpec().getIngress().getFirst()
                .getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx")));
    }

    @Test
    void egress_reaches_the_internet_but_no_private_or_link_local_range() {
        var internet = policy("nova-vision", "nova-allow-internet").getSpec().getEgress().getFirst().getTo();
        assertThat(internet).extracting(p -> p.getIpBlock().getCidr()).containsExactly("0.0.0.0/0", "::/0");
        assertThat(internet.get(0).getIpBlock().getExcept()).containsExactlyInAnyOrder("10.0.0.0/8",
                "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
        assertThat(internet.get(1).getIpBlock().getExcept()).containsExactlyInAnyOrder("fc00::/7", "fe80::/10");
        var vault = policy("nova-vision", "nova-allow-vault").getSpec().getEgress().getFirst();
        assertThat(vault.getTo().getFirst().getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "vault"));
        assertThat(vault.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8200);
        var extra = policy("nova-vision", "nova-allow-extra-egress").getSpec().getEgress().getFirst();
        assertThat(extra.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("10.20.0.0/16");
        assertThat(find(NetworkPolicy.class, "NetworkPolicy", "nova-speech", "nova-allow-extra-egress", true))
                .isNull();
    }

    @Test
    void only_the_pods_of_tools_that_talk_to_kubernetes_reach_the_api_server() {
        var api = policy("nova-vision", "nova-allow-kubernetes-api").getSpec();
        assertThat(api.getPodSelector().getMatchExpressions()).singleElement().satisfies(expression -> {
            assertThat(expression.getKey()).isEqualTo("release");
            assertThat(expression.getOperator()).isEqualTo("In");
            assertThat(expression.getValues()).containsExactly("jupyterhub");
        });
        assertThat(api.getEgress().getFirst().getTo()).extracting(p -> p.getIpBlock().getCidr())
                .containsExactly(API_SERVER);
        assertThat(api.getEgress().getFirst().getPorts()).extracting(p -> p.getPort().getIntVal())
                .containsExactly(443, 6443);
        assertThat(find(NetworkPolicy.class, "NetworkPolicy", "nova-speech", "nova-allow-kubernetes-api", true))
                .as("MLflow and MinIO do not talk to the API server").isNull();
    }

    // --- pools ------------------------------------------------------------------------------------------------------

    @Test
    void a_model_deployment_tolerates_only_its_pools_taint_and_requires_its_pools_nodes() {
        var model = find(GenericKubernetesResource.class, "InferenceService", "nova-vision", "qwen");
        String yaml = CanonicalYaml.of(model);
        assertThat(yaml).contains("""
                    tolerations:
                    - effect: NoSchedule
                      key: ml.nova.io/pool
                      operator: Equal
                      value: a100
                """);
        assertThat(yaml).contains("""
                          nodeSelectorTerms:
                          - matchExpressions:
                            - key: nvidia.com/gpu.product
                              operator: In
                              values:
                              - NVIDIA-A100-SXM4-80GB
                """.replace("NVIDIA-A100-SXM4-80GB", pool("a100").nodeSelector().get("nvidia.com/gpu.product")));
        assertThat(yaml).doesNotContain("value: t4").doesNotContain(pool("t4").nodeSelector().values().iterator()
                .next());
        UpstreamSchemas.assertValid(model);
    }

    // --- namespaces -------------------------------------------------------------------------------------------------

    @Test
    void pod_security_is_restricted_where_every_tool_runs_under_it_else_baseline_and_always_pinned() {
        var speech = find(Namespace.class, "Namespace", null, "nova-speech").getMetadata().getLabels();
        assertThat(speech).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        var vision = find(Namespace.class, "Namespace", null, "nova-vision").getMetadata().getLabels();
        assertThat(vision).as("JupyterHub runs under baseline").containsEntry("pod-security.kubernetes.io/enforce",
                "baseline");
        for (var labels : List.of(speech, vision)) {
            assertThat(labels).containsEntry("pod-security.kubernetes.io/warn", "restricted")
                    .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                    .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.33")
                    .containsEntry("pod-security.kubernetes.io/warn-version", "v1.33")
                    .containsEntry("pod-security.kubernetes.io/audit-version", "v1.33");
        }
        var empty = renderer.render(DesiredStates.gitops().tenant("empty").build()).stream()
                .filter(o -> o.getKind().equals("Namespace") && o.getMetadata().getName().equals("nova-empty"))
                .findFirst().orElseThrow();
        assertThat(empty.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    // --- the whole picture ------------------------------------------------------------------------------------------

    @Test
    void tenant_as_objects_can_never_select_tenant_bs_pods_pool_or_host() {
        List<HasMetadata> visionObjects = objects.stream()
                .filter(o -> "nova-vision".equals(o.getMetadata().getNamespace())
                        || o.getKind().equals("Namespace") && o.getMetadata().getName().equals("nova-vision"))
                .toList();
        assertThat(visionObjects).extracting(HasMetadata::getKind).contains("Namespace", "ResourceQuota",
                "RoleBinding", "NetworkPolicy", "HelmRelease", "InferenceService", "MLCluster");
        PoolSnapshot speechPool = pool("t4");
        String speechHosts = "-speech.";
        for (HasMetadata object : visionObjects) {
            String yaml = CanonicalYaml.of(object);
            assertThat(yaml).as(ClusterRenderer.id(object)).doesNotContain("speech")
                    .doesNotContain("nova-speech").doesNotContain(speechHosts)
                    .doesNotContain("value: " + speechPool.name())
                    .doesNotContain(speechPool.nodeSelector().values().iterator().next());
        }
        // every peer of every policy is a system namespace, the DNS pods, the namespace's own pods or an address block
        for (NetworkPolicy policy : of(NetworkPolicy.class, "NetworkPolicy")) {
            var peers = new ArrayList<NetworkPolicyPeer>();
            if (policy.getSpec().getIngress() != null) {
                policy.getSpec().getIngress().forEach(rule -> peers.addAll(rule.getFrom()));
            }
            if (policy.getSpec().getEgress() != null) {
                policy.getSpec().getEgress().forEach(rule -> peers.addAll(rule.getTo()));
            }
            for (NetworkPolicyPeer peer : peers) {
                String where = ClusterRenderer.id(policy);
                if (peer.getIpBlock() != null) {
                    assertThat(peer.getNamespaceSelector()).as(where).isNull();
                    assertThat(peer.getPodSelector()).as(where).isNull();
                } else if (peer.getNamespaceSelector() != null) {
                    var selector = peer.getNamespaceSelector();
                    assertThat(selector.getMatchExpressions()).as(where).isNullOrEmpty();
                    assertThat(selector.getMatchLabels()).as(where).containsOnlyKeys("kubernetes.io/metadata.name");
                    assertThat(SYSTEM_NAMESPACES).as(where)
                            .contains(selector.getMatchLabels().get("kubernetes.io/metadata.name"));
                } else {
                    assertThat(peer.getPodSelector()).as(where + ": own namespace only").isNotNull();
                }
            }
        }
        // the model's pods tolerate only the pools the tenant has a quota on
        Set<String> visionPools = Set.of("a100");
        for (HasMetadata object : visionObjects) {
            String yaml = CanonicalYaml.of(object);
            for (PoolSnapshot pool : twoTenants.pools()) {
                if (!visionPools.contains(pool.name())) {
                    assertThat(yaml).as(ClusterRenderer.id(object)).doesNotContain("value: " + pool.name() + "\n");
                }
            }
        }
    }

    // --- cluster level ----------------------------------------------------------------------------------------------

    @Test
    void the_gpu_operator_tolerates_the_pool_taints_and_ignores_visible_devices_requests_even_without_pools() {
        var state = DesiredStates.gitops().module(null, "node-feature-discovery").module(null, "gpu-operator")
                .build();
        var operator = (GenericKubernetesResource) renderer.render(state).stream()
                .filter(o -> o.getKind().equals("HelmRelease") && o.getMetadata().getName().equals("gpu-operator"))
                .findFirst().orElseThrow();
        String yaml = CanonicalYaml.of(operator);
        assertThat(yaml).contains("""
                      daemonsets:
                        tolerations:
                        - effect: NoSchedule
                          key: nvidia.com/gpu
                          operator: Exists
                        - effect: NoSchedule
                          key: ml.nova.io/pool
                          operator: Exists
                  """);
        assertThat(yaml).contains("""
                      devicePlugin:
                        env:
                        - name: DEVICE_LIST_STRATEGY
                          value: volume-mounts
                  """);
        assertThat(yaml).contains("""
                      toolkit:
                        env:
                        - name: ACCEPT_NVIDIA_VISIBLE_DEVICES_ENVVAR_WHEN_UNPRIVILEGED
                          value: "false"
                        - name: ACCEPT_NVIDIA_VISIBLE_DEVICES_AS_VOLUME_MOUNTS
                          value: "true"
                  """);
    }

    @Test
    void node_feature_discovery_workers_still_run_on_tainted_pool_nodes() {
        var state = DesiredStates.gitops().module(null, "node-feature-discovery").build();
        var nfd = renderer.render(state).stream()
                .filter(o -> o.getKind().equals("HelmRelease")).findFirst().orElseThrow();
        assertThat(CanonicalYaml.of(nfd)).contains("""
                      worker:
                        tolerations:
                        - effect: NoSchedule
                          key: nvidia.com/gpu
                          operator: Exists
                        - effect: NoSchedule
                          key: ml.nova.io/pool
                          operator: Exists
                  """);
    }

    @Test
    void the_gitops_bootstrap_applies_as_its_own_cluster_admin_service_account() {
        var kustomization = find(GenericKubernetesResource.class, "Kustomization", "flux-system", "nova-platform");
        assertThat(CanonicalYaml.of(kustomization)).contains("serviceAccountName: nova-gitops");
        UpstreamSchemas.assertValid(kustomization);
        find(ServiceAccount.class, "ServiceAccount", "flux-system", FluxBootstrapRenderer.SERVICE_ACCOUNT);
        var binding = find(ClusterRoleBinding.class, "ClusterRoleBinding", null, "nova-gitops");
        assertThat(binding.getRoleRef().getName()).isEqualTo("cluster-admin");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("nova-gitops");
            assertThat(subject.getNamespace()).isEqualTo("flux-system");
        });
    }

    @Test
    void a_direct_cluster_gets_the_flux_service_account_only_when_flux_installs_cluster_modules() {
        var without = renderer.render(DesiredStates.direct().tenant("vision").build());
        assertThat(without).extracting(ClusterRenderer::id).doesNotContain("ServiceAccount flux-system/nova-gitops",
                "ClusterRoleBinding nova-gitops");
        var with = renderer.render(DesiredStates.direct().module(null, "node-feature-discovery").build());
        assertThat(with).extracting(ClusterRenderer::id).contains("ServiceAccount flux-system/nova-gitops",
                "ClusterRoleBinding nova-gitops").doesNotContain("Kustomization flux-system/nova-platform");
    }

    @Test
    void cluster_scoped_rbac_is_applied_before_the_bindings_that_use_it() {
        List<String> kinds = objects.stream().map(HasMetadata::getKind).distinct().toList();
        assertThat(kinds.indexOf("ServiceAccount")).isLessThan(kinds.indexOf("ClusterRoleBinding"));
        assertThat(kinds.indexOf("ClusterRole")).isLessThan(kinds.indexOf("RoleBinding"));
        assertThat(kinds.indexOf("Namespace")).isLessThan(kinds.indexOf("RoleBinding"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private <T extends HasMetadata> T find(Class<T> type, String kind, String namespace, String name) {
        T found = find(type, kind, namespace, name, true);
        if (found == null) {
            throw new AssertionError("no " + kind + " " + namespace + "/" + name);
        }
        return found;
    }

    private <T extends HasMetadata> T find(Class<T> type, String kind, String namespace, String name,
                                           boolean optional) {
        return objects.stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)
                        && Objects.equals(o.getMetadata().getNamespace(), namespace))
                .map(type::cast).findFirst().orElse(null);
    }

    private <T extends HasMetadata> List<T> of(Class<T> type, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(type::cast).toList();
    }

    private NetworkPolicy policy(String namespace, String name) {
        return find(NetworkPolicy.class, "NetworkPolicy", namespace, name);
    }

    private static List<Integer> ports(NetworkPolicy policy) {
        return policy.getSpec().getIngress().getFirst().getPorts().stream().map(p -> p.getPort().getIntVal())
                .toList();
    }

    private Map<String, String> hard(String namespace) {
        var quota = find(ResourceQuota.class, "ResourceQuota", namespace, "nova-quota");
        var hard = new java.util.TreeMap<String, String>();
        quota.getSpec().getHard().forEach((k, v) -> hard.put(k, v.toString()));
        return hard;
    }

    private PoolSnapshot pool(String name) {
        return twoTenants.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** Whether one rule of the role grants the verb on the group's resource. */
    private static boolean can(ClusterRole role, String group, String resource, String verb) {
        return role.getRules().stream().anyMatch(rule -> rule.getApiGroups().contains(group)
                && rule.getResources().contains(resource) && rule.getVerbs().contains(verb));
    }
}
