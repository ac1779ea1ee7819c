package io.nova.platform.k8s.direct;

import static io.nova.platform.k8s.direct.DirectDelivery.APPLIED_FIELDS_ANNOTATION;
import static io.nova.platform.k8s.direct.DirectDelivery.CLUSTER_LABEL;
import static io.nova.platform.k8s.direct.DirectDelivery.MANAGED_BY_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.nova.platform.k8s.delivery.ChangeType;
import io.nova.platform.k8s.delivery.ObjectChange;
import io.nova.platform.k8s.render.Labels;

/**
 * Direct delivery against an API server. The API server here is the fabric8 CRUD mock ({@code kubernetes-server-mock}
 * 8.0.0 with {@code crud = true}): it stores objects, filters by label selector, rejects stale resourceVersions with 409
 * and records every request, which is how writes are counted (every request that is not a GET). Custom resources (Flux
 * and ml.nova.io) are made known to it with {@code server.expectCustomResource}, from {@link ManagedKind#DEFAULTS}. It
 * has no server-side apply and no strategic merge patch; DirectDelivery uses neither (GET, POST, PUT, DELETE and LIST
 * only), so the write path tested here is the production one.
 */
@EnableKubernetesMockClient(crud = true)
class DirectDeliveryTest {

    private static final String OWNER = "gpu-east";
    private static final Set<String> CUSTOM_GROUPS =
            Set.of("source.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "ml.nova.io");
    private static final ManagedKind HELM_RELEASE = kind("HelmRelease");

    KubernetesMockServer server;
    KubernetesClient client;

    private DirectDelivery delivery;

    @BeforeEach
    void setUp() {
        for (ManagedKind kind : ManagedKind.DEFAULTS) {
            if (CUSTOM_GROUPS.contains(kind.group())) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group())
                        .withVersion(kind.version())
                        .withKind(kind.kind())
                        .withPlural(kind.plural())
                        .withScope(kind.namespaced() ? "Namespaced" : "Cluster")
                        .build());
            }
        }
        delivery = new DirectDelivery(client, OWNER, new ApiRateLimiter(), ManagedKind.DEFAULTS);
    }

    @Test
    void theFirstApplyCreatesEveryObjectNamespacesFirstAndLabelsThemAsOurs() throws Exception {
        List<HasMetadata> desired = desired();

        DirectDeliveryResult result = delivery.apply(desired);
        List<RecordedRequest> writes = writes();

        assertThat(result.problems()).isEmpty();
        assertThat(result.report().changes()).extracting(ObjectChange::type).containsOnly(ChangeType.CREATE);
        assertThat(result.report().changes()).extracting(ObjectChange::id).containsExactly(
                "Namespace team-a",
                "ResourceQuota team-a/compute",
                "LimitRange team-a/defaults",
                "ConfigMap team-a/settings",
                "RoleBinding team-a/admins",
                "NetworkPolicy team-a/default-deny",
                "HelmRepository team-a/charts",
                "OCIRepository team-a/images",
                "HelmRelease team-a/ray",
                "MLInfrastructure shared",
                "MLCluster team-a/training");
        assertThat(result.report().revision()).isNull();
        assertThat(writes).hasSize(desired.size()).extracting(RecordedRequest::getMethod).containsOnly("POST");
        assertThat(writes.getFirst().getPath()).isEqualTo("/api/v1/namespaces");
        assertThat(writes.getLast().getPath()).isEqualTo("/apis/ml.nova.io/v1alpha1/namespaces/team-a/mlclusters");

        ConfigMap settings = client.configMaps().inNamespace("team-a").withName("settings").get();
        assertThat(settings.getData()).containsEntry("mode", "fast");
        assertThat(settings.getMetadata().getLabels()).containsEntry(MANAGED_BY_LABEL, "nova-platform")
                .containsEntry(CLUSTER_LABEL, OWNER).containsEntry("team", "a");
        GenericKubernetesResource infrastructure = client.genericKubernetesResources(kind("MLInfrastructure").context())
                .withName("shared").get();
        assertThat(infrastructure.getMetadata().getLabels()).containsEntry(CLUSTER_LABEL, OWNER);
        assertThat(desired).allSatisfy(object -> assertThat(Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of()))
                .as("the caller's objects are not touched").doesNotContainKey(MANAGED_BY_LABEL));
    }

    @Test
    void aSecondApplyOfTheSameObjectsOnlyReads() throws Exception {
        delivery.apply(desired());
        writes();

        DirectDeliveryResult again = delivery.apply(desired());

        assertThat(writes()).isEmpty();
        assertThat(again.report().isEmpty()).isTrue();
        assertThat(again.problems()).isEmpty();
    }

    @Test
    void changingOneConfigMapWritesExactlyThatObject() throws Exception {
        delivery.apply(desired());
        writes();

        DirectDeliveryResult result = delivery.apply(replace(desired(), settings(Map.of("mode", "safe", "replicas", "2"))));

        List<RecordedRequest> writes = writes();
        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst().getMethod()).isEqualTo("PUT");
        assertThat(writes.getFirst().getPath()).isEqualTo("/api/v1/namespaces/team-a/configmaps/settings");
        assertThat(result.report().changes()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.UPDATE);
            assertThat(change.id()).isEqualTo("ConfigMap team-a/settings");
            assertThat(change.diff()).contains("-  mode: fast", "+  mode: safe");
        });
        assertThat(configMap("settings").getData()).containsEntry("mode", "safe");
    }

    @Test
    void anObjectNoLongerDesiredIsPrunedWhileObjectsOfOthersAreUntouched() throws Exception {
        delivery.apply(desired());
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("someone-elses").withNamespace("team-a").endMetadata()
                .addToData("x", "1").build()).create();
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("other-cluster").withNamespace("team-a")
                .addToLabels(MANAGED_BY_LABEL, "nova-platform").addToLabels(CLUSTER_LABEL, "gpu-west").endMetadata()
                .addToData("x", "1").build()).create();
        writes();

        List<HasMetadata> withoutSettings = new ArrayList<>(desired());
        withoutSettings.removeIf(object -> object.getMetadata().getName().equals("settings"));
        DirectDeliveryResult result = delivery.apply(withoutSettings);

        List<RecordedRequest> writes = writes();
        assertThat(writes).singleElement().satisfies(request -> {
            assertThat(request.getMethod()).isEqualTo("DELETE");
            assertThat(request.getPath()).isEqualTo("/api/v1/namespaces/team-a/configmaps/settings");
        });
        assertThat(result.report().changes()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.DELETE);
            assertThat(change.id()).isEqualTo("ConfigMap team-a/settings");
            assertThat(change.before()).contains("mode: fast");
            assertThat(change.after()).isNull();
        });
        assertThat(result.problems()).isEmpty();
        assertThat(configMap("settings")).isNull();
        assertThat(configMap("someone-elses")).isNotNull();
        assertThat(configMap("other-cluster")).isNotNull();
    }

    @Test
    void aPartialDeliveryPrunesOnlyWithinItsScopeAndLeavesTheRestOfTheClusterAlone() throws Exception {
        delivery.apply(fleet("team-a", "team-b"));
        writes();

        // deliver only team-a, whose ConfigMap changed and whose HelmRelease is no longer wanted
        List<HasMetadata> teamA = new ArrayList<>(tenantObjects("team-a", "slow"));
        teamA.removeIf(object -> object.getKind().equals("HelmRelease"));
        DirectDeliveryResult partial = delivery.apply(teamA, DirectScope.of(false, List.of("team-a")));

        assertThat(partial.problems()).isEmpty();
        assertThat(partial.report().changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeType.UPDATE, "ConfigMap nova-team-a/settings"),
                org.assertj.core.groups.Tuple.tuple(ChangeType.DELETE, "HelmRelease nova-team-a/tools"));
        assertThat(writes()).extracting(RecordedRequest::getMethod, RecordedRequest::getPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/namespaces/nova-team-a/configmaps/settings"),
                org.assertj.core.groups.Tuple.tuple("DELETE",
                        "/apis/helm.toolkit.fluxcd.io/v2/namespaces/nova-team-a/helmreleases/tools"));
        assertThat(helmRelease("nova-team-b", "tools")).as("the other tenant's objects").isNotNull();
        assertThat(client.configMaps().inNamespace("gpu-operator").withName("device-plugin").get())
                .as("the cluster's own objects").isNotNull();

        // a tenant that is gone loses all its objects, and nothing else goes with it
        DirectDeliveryResult removed = delivery.apply(List.of(), DirectScope.of(false, List.of("team-a")));
        assertThat(removed.report().changes()).extracting(ObjectChange::id).containsExactly(
                "MLCluster nova-team-a/training", "ConfigMap nova-team-a/settings", "Namespace nova-team-a");
        assertThat(client.namespaces().withName("nova-team-b").get()).isNotNull();
        assertThat(helmRelease("nova-team-b", "tools")).isNotNull();
        assertThat(client.configMaps().inNamespace("gpu-operator").withName("device-plugin").get()).isNotNull();
        assertThat(client.genericKubernetesResources(kind("MLInfrastructure").context()).withName("shared").get())
                .isNotNull();
    }

    @Test
    void aOneTenantDeliveryListsOnlyThatTenantsObjectsWithALabelSelector() throws Exception {
        delivery.apply(fleet("team-a", "team-b", "team-c"));
        requests();

        DirectDeliveryResult result = delivery.plan(tenantObjects("team-b", "fast"),
                DirectScope.of(false, List.of("team-b")));

        assertThat(result.report().isEmpty()).isTrue();
        List<String> lists = lists(requests());
        assertThat(lists).as("one list per managed kind").hasSize(ManagedKind.DEFAULTS.size())
                .allSatisfy(selector -> assertThat(selector).contains("app.kubernetes.io/managed-by=nova-platform",
                        "ml.nova.io/cluster=gpu-east", "ml.nova.io/tenant=team-b"));
        assertThat(listed("HelmRelease", DirectScope.of(false, List.of("team-b"))))
                .containsExactly("nova-team-b/tools");
        assertThat(listed("Namespace", DirectScope.of(false, List.of("team-b")))).containsExactly("nova-team-b");
    }

    @Test
    void theClustersOwnObjectsAreListedAsThoseWithoutATenantLabel() throws Exception {
        delivery.apply(fleet("team-a", "team-b"));
        requests();

        DirectDeliveryResult result = delivery.apply(List.of(), DirectScope.of(true, List.of()));

        assertThat(lists(requests())).hasSize(ManagedKind.DEFAULTS.size()).allSatisfy(selector -> assertThat(selector)
                .contains("app.kubernetes.io/managed-by=nova-platform", "ml.nova.io/cluster=gpu-east",
                        "!ml.nova.io/tenant").doesNotContain(" in ("));
        assertThat(result.report().changes()).extracting(ObjectChange::id).containsExactly(
                "MLInfrastructure shared", "ConfigMap gpu-operator/device-plugin", "Namespace gpu-operator");
        assertThat(client.namespaces().withName("nova-team-a").get()).isNotNull();
        assertThat(helmRelease("nova-team-b", "tools")).isNotNull();
    }

    @Test
    void objectsOfOtherTenantsThatAListReturnsAnywayAreNeverDeleted() throws Exception {
        delivery.apply(fleet("team-a", "team-b", "team-c"));
        writes();

        // the mock ignores "tenant in (...)" requirements (kubernetes-server-mock 8.0.0 warns and drops them), so these
        // lists return every tenant's objects: the scope's own check is all that keeps team-c's objects alive
        DirectDeliveryResult result = delivery.apply(List.of(), DirectScope.of(false, List.of("team-a", "team-b")));

        assertThat(result.report().changes()).extracting(ObjectChange::id).containsExactly(
                "MLCluster nova-team-a/training", "MLCluster nova-team-b/training",
                "HelmRelease nova-team-a/tools", "HelmRelease nova-team-b/tools",
                "ConfigMap nova-team-a/settings", "ConfigMap nova-team-b/settings",
                "Namespace nova-team-a", "Namespace nova-team-b");
        assertThat(writes()).extracting(RecordedRequest::getPath).noneMatch(path -> path.contains("team-c"));
        assertThat(helmRelease("nova-team-c", "tools")).isNotNull();
        assertThat(client.namespaces().withName("nova-team-c").get()).isNotNull();
    }

    @Test
    void manyTenantsAreListedFiftyToASelectorAndTheClusterWithItsOwn() throws Exception {
        var tenants = new ArrayList<String>();
        for (int i = 0; i < 120; i++) {
            tenants.add("team-%03d".formatted(i));
        }
        requests();

        delivery.plan(List.of(), DirectScope.of(true, tenants));

        List<String> lists = lists(requests());
        assertThat(lists).hasSize(4 * ManagedKind.DEFAULTS.size());
        assertThat(lists.subList(0, 4)).satisfiesExactly(
                selector -> assertThat(selector).contains("!ml.nova.io/tenant").doesNotContain(" in ("),
                selector -> assertThat(selector).contains("ml.nova.io/tenant in ("
                        + String.join(",", tenants.subList(0, 50)) + ")"),
                selector -> assertThat(selector).contains("ml.nova.io/tenant in ("
                        + String.join(",", tenants.subList(50, 100)) + ")"),
                selector -> assertThat(selector).contains("ml.nova.io/tenant in ("
                        + String.join(",", tenants.subList(100, 120)) + ")"));
    }

    @Test
    void pruningEverythingDeletesInReverseOrderWithTheNamespaceLast() throws Exception {
        delivery.apply(desired());
        writes();

        DirectDeliveryResult result = delivery.apply(List.of());

        List<RecordedRequest> writes = writes();
        assertThat(writes).hasSize(11).extracting(RecordedRequest::getMethod).containsOnly("DELETE");
        assertThat(writes.getFirst().getPath()).isEqualTo("/apis/ml.nova.io/v1alpha1/namespaces/team-a/mlclusters/training");
        assertThat(writes.getLast().getPath()).isEqualTo("/api/v1/namespaces/team-a");
        assertThat(result.report().count(ChangeType.DELETE)).isEqualTo(11);
        assertThat(client.namespaces().withName("team-a").get()).isNull();
    }

    @Test
    void driftInALabelOrASpecFieldIsCorrectedByTheNextApplyWithOneWrite() throws Exception {
        delivery.apply(desired());
        client.configMaps().inNamespace("team-a").withName("settings")
                .edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels("team", "b").endMetadata().build());
        writes();

        DirectDeliveryResult labelFixed = delivery.apply(desired());

        assertThat(writes()).hasSize(1);
        assertThat(labelFixed.report().changes()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.UPDATE);
            assertThat(change.id()).isEqualTo("ConfigMap team-a/settings");
            assertThat(change.diff()).contains("-    team: b", "+    team: a");
        });
        assertThat(configMap("settings").getMetadata().getLabels()).containsEntry("team", "a");

        client.genericKubernetesResources(HELM_RELEASE.context()).inNamespace("team-a").withName("ray").edit(release -> {
            spec(release).put("interval", "1h");
            return release;
        });
        writes();

        DirectDeliveryResult specFixed = delivery.apply(desired());

        assertThat(writes()).hasSize(1);
        assertThat(specFixed.report().changes()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ChangeType.UPDATE);
            assertThat(change.id()).isEqualTo("HelmRelease team-a/ray");
            assertThat(change.diff()).contains("-  interval: 1h", "+  interval: 10m");
        });
        assertThat(spec(helmRelease("ray"))).containsEntry("interval", "10m");
        assertThat(delivery.apply(desired()).report().isEmpty()).isTrue();
        assertThat(writes()).isEmpty();
    }

    @Test
    void whatOthersAddIsIgnoredAndKeptWhileFieldsWeStoppedSettingAreRemoved() throws Exception {
        delivery.apply(desired());
        client.configMaps().inNamespace("team-a").withName("settings").edit(c -> new ConfigMapBuilder(c)
                .editMetadata().addToAnnotations("kubectl.kubernetes.io/restartedAt", "now")
                .addToFinalizers("example.com/keep").endMetadata()
                .addToData("added-by-someone", "yes").build());
        client.genericKubernetesResources(HELM_RELEASE.context()).inNamespace("team-a").withName("ray").edit(release -> {
            spec(release).put("suspend", true);
            return release;
        });
        writes();

        assertThat(delivery.apply(desired()).report().isEmpty()).as("additions by others are no drift").isTrue();
        assertThat(writes()).isEmpty();

        DirectDeliveryResult result = delivery.apply(replace(desired(), settings(Map.of("mode", "fast"))));

        assertThat(writes()).hasSize(1);
        assertThat(result.report().changes()).singleElement().satisfies(change ->
                assertThat(change.diff()).contains("-  replicas: \"2\"").doesNotContain("-  added-by-someone"));
        ConfigMap settings = configMap("settings");
        assertThat(settings.getData()).containsOnlyKeys("mode", "added-by-someone");
        assertThat(settings.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt")
                .containsKey(APPLIED_FIELDS_ANNOTATION);
        assertThat(settings.getMetadata().getFinalizers()).containsExactly("example.com/keep");
        assertThat(spec(helmRelease("ray"))).containsEntry("suspend", true);
    }

    @Test
    void anExistingObjectWithoutOurLabelsIsNeverOverwrittenAndIsReportedAsAProblem() throws Exception {
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").withNamespace("team-a").endMetadata()
                .addToData("mode", "manual").build()).create();
        writes();

        DirectDeliveryResult result = delivery.apply(desired());

        assertThat(writes()).hasSize(10).extracting(RecordedRequest::getPath)
                .doesNotContain("/api/v1/namespaces/team-a/configmaps/settings");
        assertThat(result.problems()).singleElement().asString()
                .startsWith("ConfigMap team-a/settings: exists but is not managed by nova-platform")
                .endsWith("left untouched");
        assertThat(result.report().changes()).extracting(ObjectChange::id).doesNotContain("ConfigMap team-a/settings")
                .hasSize(10);
        ConfigMap settings = configMap("settings");
        assertThat(settings.getData()).containsExactly(Map.entry("mode", "manual"));
        assertThat(settings.getMetadata().getLabels()).isNullOrEmpty();

        DirectDeliveryResult again = delivery.apply(desired());
        assertThat(writes()).isEmpty();
        assertThat(again.problems()).hasSize(1);
    }

    @Test
    void anObjectOwnedByAnotherPlatformClusterIsNotOursEither() throws Exception {
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").withNamespace("team-a")
                .addToLabels(MANAGED_BY_LABEL, "nova-platform").addToLabels(CLUSTER_LABEL, "gpu-west").endMetadata()
                .addToData("mode", "west").build()).create();

        DirectDeliveryResult result = delivery.apply(desired());

        assertThat(result.problems()).singleElement().asString()
                .contains("ConfigMap team-a/settings: is managed by nova-platform for cluster 'gpu-west'");
        assertThat(configMap("settings").getData()).containsEntry("mode", "west");
    }

    @Test
    void aPlanWritesNothingAndReportsExactlyWhatApplyThenDoes() throws Exception {
        DirectDeliveryResult firstPlan = delivery.plan(desired());

        assertThat(writes()).isEmpty();
        assertThat(firstPlan.report().count(ChangeType.CREATE)).isEqualTo(11);
        assertThat(client.namespaces().withName("team-a").get()).isNull();
        assertThat(delivery.apply(desired()).report()).isEqualTo(firstPlan.report());
        writes();

        List<HasMetadata> changed = replace(desired(), settings(Map.of("mode", "safe")));
        changed.removeIf(object -> object.getKind().equals("NetworkPolicy"));
        DirectDeliveryResult plan = delivery.plan(changed);

        assertThat(writes()).isEmpty();
        assertThat(plan.report().changes()).extracting(ObjectChange::type, ObjectChange::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeType.UPDATE, "ConfigMap team-a/settings"),
                org.assertj.core.groups.Tuple.tuple(ChangeType.DELETE, "NetworkPolicy team-a/default-deny"));
        assertThat(configMap("settings").getData()).containsEntry("mode", "fast");

        DirectDeliveryResult applied = delivery.apply(changed);
        assertThat(applied.report()).isEqualTo(plan.report());
        assertThat(writes()).hasSize(2);
    }

    @Test
    void aConflictOnUpdateIsRetriedOnceAfterReadingAgain() throws Exception {
        delivery.apply(desired());
        server.expect().put().withPath("/api/v1/namespaces/team-a/configmaps/settings")
                .andReturn(409, conflict()).once();
        writes();

        DirectDeliveryResult result = delivery.apply(replace(desired(), settings(Map.of("mode", "safe", "replicas", "2"))));

        assertThat(result.problems()).isEmpty();
        assertThat(result.report().changes()).extracting(ObjectChange::id).containsExactly("ConfigMap team-a/settings");
        assertThat(writes()).extracting(RecordedRequest::getMethod).containsExactly("PUT", "PUT");
        assertThat(configMap("settings").getData()).containsEntry("mode", "safe");
    }

    @Test
    void aConflictThatPersistsBecomesAProblemAndTheRestIsStillDelivered() throws Exception {
        delivery.apply(desired());
        server.expect().put().withPath("/api/v1/namespaces/team-a/configmaps/settings")
                .andReturn(409, conflict()).times(2);
        List<HasMetadata> changed = replace(desired(), settings(Map.of("mode", "safe")));
        changed.removeIf(object -> object.getKind().equals("NetworkPolicy"));

        DirectDeliveryResult result = delivery.apply(changed);

        assertThat(result.problems()).singleElement().asString()
                .startsWith("ConfigMap team-a/settings: update failed again after re-reading: HTTP 409");
        assertThat(result.report().changes()).extracting(ObjectChange::id)
                .containsExactly("NetworkPolicy team-a/default-deny");
        assertThat(configMap("settings").getData()).containsEntry("mode", "fast");
    }

    @Test
    void objectsThatCannotBeDeliveredAreProblemsAndDoNotStopTheOthers() throws Exception {
        List<HasMetadata> desired = new ArrayList<>(desired());
        desired.add(new SecretBuilder().withNewMetadata().withName("token").withNamespace("team-a").endMetadata().build());
        desired.add(new ConfigMapBuilder().withNewMetadata().withName("nowhere").endMetadata().build());
        desired.add(settings(Map.of("mode", "duplicate")));

        DirectDeliveryResult result = delivery.apply(desired);

        assertThat(result.problems()).containsExactlyInAnyOrder(
                "Secret team-a/token: v1 Secret is not a managed kind; not delivered",
                "ConfigMap nowhere: is namespaced but has no metadata.namespace; not delivered",
                "ConfigMap team-a/settings: is desired more than once; the first one is delivered");
        assertThat(result.report().count(ChangeType.CREATE)).isEqualTo(11);
        assertThat(configMap("settings").getData()).containsEntry("mode", "fast");
        assertThat(client.secrets().inNamespace("team-a").withName("token").get()).isNull();
    }

    @Test
    void quantitiesInQuotasCompareByValueSoRespellingThemIsNoChange() throws Exception {
        delivery.apply(desired());
        writes();

        List<HasMetadata> respelled = replace(desired(), new ResourceQuotaBuilder()
                .withNewMetadata().withName("compute").withNamespace("team-a").endMetadata()
                .withNewSpec().addToHard("requests.cpu", new Quantity("8000m"))
                .addToHard("requests.nvidia.com/gpu", new Quantity("2")).endSpec().build());

        assertThat(delivery.apply(respelled).report().isEmpty()).isTrue();
        assertThat(writes()).isEmpty();
    }

    @Test
    void everyApiCallGoesThroughTheRateLimiter() throws Exception {
        var clock = new ApiRateLimiterTest.FakeClock();
        var throttled = new DirectDelivery(client, OWNER, new ApiRateLimiter(1, 1, clock), ManagedKind.DEFAULTS);
        requests();

        throttled.apply(desired());
        throttled.apply(desired());
        List<HasMetadata> changed = replace(desired(), settings(Map.of("mode", "safe")));
        changed.removeIf(object -> object.getKind().equals("NetworkPolicy"));
        throttled.apply(changed);
        List<RecordedRequest> requests = requests();
        int calls = requests.size();

        // one token per second and a bucket of one: every call after the first waited exactly one second
        assertThat(requests).extracting(RecordedRequest::getMethod).contains("GET", "POST", "PUT", "DELETE");
        assertThat(calls).isGreaterThan(3 * 11);
        assertThat(clock.totalSlept()).isEqualTo(TimeUnit.SECONDS.toNanos(calls - 1));
    }

    @Test
    void typedCustomResourcesAreDeliveredLikeGenericOnes() throws Exception {
        delivery.apply(desired());
        var typed = new TypedMLCluster();
        typed.setMetadata(new ObjectMetaBuilder().withName("training").withNamespace("team-a").build());
        typed.setSpec(Map.of("infrastructure", "shared", "workers", Map.of("replicas", 4, "gpus", 8)));
        writes();

        DirectDeliveryResult same = delivery.apply(replace(desired(), typed));

        assertThat(same.problems()).isEmpty();
        assertThat(same.report().isEmpty()).isTrue();
        assertThat(writes()).isEmpty();
    }

    /** A typed custom resource, as the renderer may hand over instead of a GenericKubernetesResource. */
    @Group("ml.nova.io")
    @Version("v1alpha1")
    @Kind("MLCluster")
    @Plural("mlclusters")
    static class TypedMLCluster extends CustomResource<Map<String, Object>, Void> implements Namespaced {
    }

    // --- fixtures ---------------------------------------------------------------------------------------------------

    private static List<HasMetadata> desired() {
        var objects = new ArrayList<HasMetadata>();
        objects.add(new NamespaceBuilder().withNewMetadata().withName("team-a").addToLabels("team", "a").endMetadata()
                .build());
        objects.add(custom("ml.nova.io/v1alpha1", "MLCluster", "team-a", "training",
                Map.of("infrastructure", "shared", "workers", Map.of("replicas", 4, "gpus", 8))));
        objects.add(custom("helm.toolkit.fluxcd.io/v2", "HelmRelease", "team-a", "ray", Map.of(
                "interval", "10m",
                "chart", Map.of("spec", Map.of("chart", "kuberay-operator", "version", "1.4.2",
                        "sourceRef", Map.of("kind", "HelmRepository", "name", "charts"))),
                "values", Map.of("resources", Map.of("limits", Map.of("cpu", "1"))))));
        objects.add(custom("source.toolkit.fluxcd.io/v1", "OCIRepository", "team-a", "images",
                Map.of("interval", "5m", "url", "oci://registry.example.com/team-a", "ref", Map.of("tag", "latest"))));
        objects.add(custom("source.toolkit.fluxcd.io/v1", "HelmRepository", "team-a", "charts",
                Map.of("interval", "1h", "url", "https://ray-project.github.io/kuberay-helm/")));
        objects.add(new NetworkPolicyBuilder().withNewMetadata().withName("default-deny").withNamespace("team-a")
                .endMetadata().withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec()
                .build());
        objects.add(new RoleBindingBuilder().withNewMetadata().withName("admins").withNamespace("team-a").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("admin")
                .endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("team-a-admins")
                .endSubject().build());
        objects.add(settings(Map.of("mode", "fast", "replicas", "2")));
        objects.add(new LimitRangeBuilder().withNewMetadata().withName("defaults").withNamespace("team-a").endMetadata()
                .withNewSpec().addNewLimit().withType("Container").addToDefault("cpu", new Quantity("500m")).endLimit()
                .endSpec().build());
        objects.add(new ResourceQuotaBuilder().withNewMetadata().withName("compute").withNamespace("team-a").endMetadata()
                .withNewSpec().addToHard("requests.cpu", new Quantity("8"))
                .addToHard("requests.nvidia.com/gpu", new Quantity("2")).endSpec().build());
        objects.add(custom("ml.nova.io/v1alpha1", "MLInfrastructure", null, "shared",
                Map.of("gpuOperator", Map.of("enabled", true))));
        return objects; // deliberately not in dependency order: the delivery sorts
    }

    /** Each tenant's objects and the cluster's own, labelled as the renderer labels them. */
    private static List<HasMetadata> fleet(String... tenants) {
        var objects = new ArrayList<HasMetadata>();
        for (String tenant : tenants) {
            objects.addAll(tenantObjects(tenant, "fast"));
        }
        objects.add(new NamespaceBuilder().withNewMetadata().withName("gpu-operator").endMetadata().build());
        objects.add(new ConfigMapBuilder().withNewMetadata().withName("device-plugin").withNamespace("gpu-operator")
                .endMetadata().addToData("any", "{}").build());
        objects.add(custom("ml.nova.io/v1alpha1", "MLInfrastructure", null, "shared", Map.of("gpuOperator", Map.of())));
        return objects;
    }

    /** One tenant's namespace, a ConfigMap, a HelmRelease and its MLCluster, with its tenant label. */
    private static List<HasMetadata> tenantObjects(String tenant, String mode) {
        String namespace = "nova-" + tenant;
        var objects = new ArrayList<HasMetadata>();
        objects.add(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
        objects.add(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(namespace)
                .endMetadata().addToData("mode", mode).build());
        objects.add(custom("helm.toolkit.fluxcd.io/v2", "HelmRelease", namespace, "tools", Map.of("interval", "10m")));
        objects.add(custom("ml.nova.io/v1alpha1", "MLCluster", namespace, "training",
                Map.of("infrastructure", "shared")));
        objects.forEach(object -> object.getMetadata().setLabels(Map.of(Labels.TENANT, tenant)));
        return objects;
    }

    /** The label selectors of the list requests among {@code requests}, in order. */
    private static List<String> lists(List<RecordedRequest> requests) {
        return requests.stream().filter(request -> request.getPath().contains("labelSelector="))
                .map(request -> java.net.URLDecoder.decode(request.getPath().replaceFirst(".*labelSelector=", "")
                        .replaceFirst("&.*", ""), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    /** What a list with the scope's selectors (of one tenant at most) returns from the mock, as namespace/name. */
    private List<String> listed(String kind, DirectScope scope) {
        var names = new ArrayList<String>();
        for (DirectScope.Selector selector : scope.selectors()) {
            var operation = client.genericKubernetesResources(kind(kind).context());
            var target = kind(kind).namespaced()
                    ? operation.inAnyNamespace().withLabel(MANAGED_BY_LABEL, "nova-platform")
                    : operation.withLabel(MANAGED_BY_LABEL, "nova-platform");
            if (selector.withoutTenant()) {
                target = target.withoutLabel(Labels.TENANT);
            } else {
                target = target.withLabel(Labels.TENANT, selector.tenantIn().getFirst());
            }
            target.list().getItems().forEach(item -> names.add((item.getMetadata().getNamespace() == null ? ""
                    : item.getMetadata().getNamespace() + "/") + item.getMetadata().getName()));
        }
        return names;
    }

    private static ConfigMap settings(Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("team-a")
                .addToLabels("team", "a").endMetadata().withData(new java.util.TreeMap<>(data)).build();
    }

    private static GenericKubernetesResource custom(String apiVersion, String kind, String namespace, String name,
                                                    Map<String, Object> spec) {
        var resource = new GenericKubernetesResource();
        resource.setApiVersion(apiVersion);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    /** The list with the object of the same kind and name swapped for {@code replacement}. */
    private static List<HasMetadata> replace(List<HasMetadata> objects, HasMetadata replacement) {
        var result = new ArrayList<HasMetadata>();
        for (HasMetadata object : objects) {
            boolean same = object.getKind().equals(replacement.getKind())
                    && object.getMetadata().getName().equals(replacement.getMetadata().getName());
            result.add(same ? replacement : object);
        }
        return result;
    }

    private static ManagedKind kind(String kind) {
        return ManagedKind.DEFAULTS.stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        var spec = new LinkedHashMap<>((Map<String, Object>) resource.getAdditionalProperties().get("spec"));
        resource.setAdditionalProperty("spec", spec);
        return spec;
    }

    private static io.fabric8.kubernetes.api.model.Status conflict() {
        return new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
                .withMessage("the object has been modified; please apply your changes to the latest version").build();
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace("team-a").withName(name).get();
    }

    private GenericKubernetesResource helmRelease(String name) {
        return helmRelease("team-a", name);
    }

    private GenericKubernetesResource helmRelease(String namespace, String name) {
        return client.genericKubernetesResources(HELM_RELEASE.context()).inNamespace(namespace).withName(name).get();
    }

    /** Every request the mock received since the last call (test reads included). */
    private List<RecordedRequest> requests() throws InterruptedException {
        var requests = new ArrayList<RecordedRequest>();
        for (RecordedRequest request; (request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(request);
        }
        return requests;
    }

    /** The write requests (anything but GET) since the last call. */
    private List<RecordedRequest> writes() throws InterruptedException {
        return requests().stream().filter(request -> !"GET".equals(request.getMethod())).toList();
    }
}
