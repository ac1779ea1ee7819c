package io.nova.platform.app.api.module;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.OidcApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant admin tries, through REST with a real token (Spring Authorization Server), every value we know of that
 * would let a tenant release act outside its namespace, its pools or its quota. Each is refused with 422 naming the
 * value's path, and nothing is stored; a platform admin may set the same values (the catalog lets admins set every key
 * the chart knows), on another tenant.
 */
class HostileTenantValuesTest extends OidcApiTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String ATTACKER = "hostile-" + SUFFIX;
    private static final String ADMINS_TENANT = "trusted-" + SUFFIX;
    private static boolean fixtureReady;

    /** One hostile values set for one module, and the path the refusal must name. */
    record Hostile(String what, String module, String values, String field) {
        @Override
        public String toString() {
            return module + ": " + what;
        }
    }

    static Stream<Hostile> hostileValues() {
        return Stream.of(
                // JupyterHub
                new Hostile("hub service account", "jupyterhub", "{'hub': {'serviceAccount': {'create': true, 'name': 'x'}}}", "values.hub"),
                new Hostile("chart RBAC", "jupyterhub", "{'rbac': {'create': true}}", "values.rbac"),
                new Hostile("notebooks on another pool", "jupyterhub", "{'singleuser': {'nodeSelector': {'ml.nova.io/pool': 'a100'}}}", "values.singleuser.nodeSelector"),
                new Hostile("tolerating every pool taint", "jupyterhub", "{'singleuser': {'extraTolerations': [{'operator': 'Exists'}]}}", "values.singleuser.extraTolerations"),
                new Hostile("every GPU through the runtime", "jupyterhub", "{'singleuser': {'extraEnv': {'NVIDIA_VISIBLE_DEVICES': 'all'}}}", "values.singleuser.extraEnv.NVIDIA_VISIBLE_DEVICES"),
                new Hostile("template reading a Secret", "jupyterhub", "{'singleuser': {'image': {'name': '{{ (lookup \"v1\" \"Secret\" \"kube-system\" \"x\").data }}'}}}", "values.singleuser.image.name"),
                new Hostile("template in an environment value", "jupyterhub", "{'singleuser': {'extraEnv': {'X': '{{ .Release.Namespace }}'}}}", "values.singleuser.extraEnv.X"),
                new Hostile("another tenant's host", "jupyterhub", "{'ingress': {'enabled': true, 'hosts': ['jupyter-team-b.nova.localhost']}}", "values.ingress"),
                new Hostile("a load balancer", "jupyterhub", "{'proxy': {'service': {'type': 'LoadBalancer'}}}", "values.proxy"),
                new Hostile("host network through pod config", "jupyterhub", "{'singleuser': {'extraPodConfig': {'hostNetwork': true}}}", "values.singleuser.extraPodConfig"),
                new Hostile("privileged profile", "jupyterhub", "{'singleuser': {'profileList': [{'display_name': 'x', 'kubespawner_override': {'privileged': true}}]}}", "values.singleuser.profileList"),
                new Hostile("login for everyone", "jupyterhub", "{'hub': {'config': {'GenericOAuthenticator': {'allow_all': true}}}}", "values.hub"),
                new Hostile("pod priority", "jupyterhub", "{'scheduling': {'podPriority': {'enabled': true}}}", "values.scheduling"),
                new Hostile("GPUs outside the quota's pools", "jupyterhub", "{'singleuser': {'extraResource': {'limits': {'nvidia.com/gpu': 8}}}}", "values.singleuser.extraResource"),
                new Hostile("another tenant's volume", "jupyterhub", "{'singleuser': {'storage': {'type': 'static', 'static': {'pvcName': 'data'}}}}", "values.singleuser.storage.type"),
                new Hostile("root notebooks", "jupyterhub", "{'singleuser': {'uid': 0}}", "values.singleuser.uid"),
                new Hostile("global values", "jupyterhub", "{'global': {'safeToShowValues': true}}", "values.global"),
                // Airflow
                new Hostile("multi-namespace mode", "airflow", "{'multiNamespaceMode': true}", "values.multiNamespaceMode"),
                new Hostile("config map through tpl with lookup", "airflow", "{'extraConfigMaps': {'x': {'data': '{{ lookup \"v1\" \"Secret\" \"\" \"\" }}'}}}", "values.extraConfigMaps"),
                new Hostile("chart RBAC", "airflow", "{'rbac': {'create': true}}", "values.rbac"),
                new Hostile("worker service account", "airflow", "{'workers': {'serviceAccount': {'name': 'default'}}}", "values.workers.serviceAccount"),
                new Hostile("workers on GPU nodes", "airflow", "{'workers': {'nodeSelector': {'nvidia.com/gpu.present': 'true'}}}", "values.workers.nodeSelector"),
                new Hostile("workers tolerating taints", "airflow", "{'workers': {'tolerations': [{'operator': 'Exists'}]}}", "values.workers.tolerations"),
                new Hostile("NVIDIA devices in a list env", "airflow", "{'env': [{'name': 'NVIDIA_VISIBLE_DEVICES', 'value': 'all'}]}", "values.env[0]"),
                new Hostile("template in a list env", "airflow", "{'env': [{'name': 'X', 'value': '{{ lookup \"v1\" \"Secret\" \"\" \"\" }}'}]}", "values.env[0].value"),
                new Hostile("root pods", "airflow", "{'securityContexts': {'pod': {'runAsUser': 0}}}", "values.securityContexts"),
                new Hostile("priority classes", "airflow", "{'priorityClasses': [{'name': 'top', 'preemptionPolicy': 'PreemptLowerPriority', 'value': 1000000000}]}", "values.priorityClasses"),
                new Hostile("pod template", "airflow", "{'podTemplate': 'apiVersion: v1\\nkind: Pod\\nspec:\\n  hostPID: true'}", "values.podTemplate"),
                new Hostile("the console's host", "airflow", "{'ingress': {'apiServer': {'enabled': true, 'hosts': [{'name': 'nova.nova.localhost'}]}}}", "values.ingress"),
                new Hostile("pod launching rights", "airflow", "{'allowPodLaunching': true}", "values.allowPodLaunching"),
                new Hostile("host aliases", "airflow", "{'scheduler': {'hostAliases': [{'ip': '10.0.0.1', 'hostnames': ['vault']}]}}", "values.scheduler.hostAliases"),
                new Hostile("root git sync", "airflow", "{'dags': {'gitSync': {'enabled': true, 'uid': 0}}}", "values.dags.gitSync.uid"),
                new Hostile("tasks in another namespace", "airflow", "{'config': {'kubernetes_executor': {'namespace': 'kube-system'}}}", "values.config"),
                // MLflow
                new Hostile("extra objects", "mlflow", "{'extraDeploy': [{'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRoleBinding'}]}", "values.extraDeploy"),
                new Hostile("service account", "mlflow", "{'serviceAccount': {'create': true, 'name': 'hub'}}", "values.serviceAccount"),
                new Hostile("ingress snippet", "mlflow", "{'ingress': {'enabled': true, 'annotations': {'nginx.ingress.kubernetes.io/server-snippet': 'return 200;'}}}", "values.ingress"),
                new Hostile("system priority", "mlflow", "{'priorityClassName': 'system-cluster-critical'}", "values.priorityClassName"),
                new Hostile("extra containers", "mlflow", "{'extraContainers': [{'name': 'x', 'image': 'busybox'}]}", "values.extraContainers"),
                new Hostile("host path volume", "mlflow", "{'extraVolumes': [{'name': 'root', 'hostPath': {'path': '/'}}]}", "values.extraVolumes"),
                new Hostile("NVIDIA devices in a map env", "mlflow", "{'extraEnvVars': {'NVIDIA_VISIBLE_DEVICES': 'all'}}", "values.extraEnvVars.NVIDIA_VISIBLE_DEVICES"),
                new Hostile("another tool's Vault role", "mlflow", "{'podAnnotations': {'vault.hashicorp.com/role': 'nova-team-b-mlflow'}}", "values.podAnnotations"),
                new Hostile("node selector", "mlflow", "{'nodeSelector': {'kubernetes.io/hostname': 'gpu-1'}}", "values.nodeSelector"),
                new Hostile("tolerations", "mlflow", "{'tolerations': [{'key': 'ml.nova.io/pool', 'operator': 'Exists'}]}", "values.tolerations"),
                new Hostile("affinity", "mlflow", "{'affinity': {'nodeAffinity': {}}}", "values.affinity"),
                new Hostile("privileged container", "mlflow", "{'securityContext': {'privileged': true}}", "values.securityContext"),
                // MinIO
                new Hostile("runtime class", "minio", "{'runtimeClassName': 'nvidia'}", "values.runtimeClassName"),
                new Hostile("console ingress", "minio", "{'consoleIngress': {'enabled': true, 'hosts': ['minio-team-b.nova.localhost']}}", "values.consoleIngress"),
                new Hostile("template in the environment", "minio", "{'environment': {'MINIO_X': '{{ .Capabilities.KubeVersion }}'}}", "values.environment.MINIO_X"),
                new Hostile("service account", "minio", "{'serviceAccount': {'create': true}}", "values.serviceAccount"),
                new Hostile("node port", "minio", "{'service': {'type': 'NodePort', 'nodePort': 32000}}", "values.service"),
                new Hostile("network policy", "minio", "{'networkPolicy': {'enabled': true, 'allowExternal': true}}", "values.networkPolicy"),
                // code-server
                new Hostile("Traefik route to any host", "code-server", "{'ingressRoute': {'create': true, 'rule': 'Host(`nova.nova.localhost`)'}}", "values.ingressRoute"),
                new Hostile("root user", "code-server", "{'securityContext': {'runAsUser': 0}}", "values.securityContext"),
                new Hostile("template in arguments", "code-server", "{'extraArgs': ['{{ lookup \"v1\" \"Secret\" \"\" \"\" }}']}", "values.extraArgs[0]"),
                new Hostile("tolerations", "code-server", "{'tolerations': [{'operator': 'Exists'}]}", "values.tolerations"));
    }

    private Api tenantAdmin() {
        return api.bearer(IDP.token("team-a-bot"));
    }

    private Api platformAdmin() {
        return api.bearer(IDP.token("admin-bot"));
    }

    @BeforeEach
    void tenants() {
        if (fixtureReady) {
            return;
        }
        for (String slug : List.of(ATTACKER, ADMINS_TENANT)) {
            assertThat(platformAdmin().post("/tenants", json("{'slug': '%s', 'displayName': '%s', 'ownerGroups': ['team-a-admins']}"
                    .formatted(slug, slug))).status()).isEqualTo(201);
        }
        fixtureReady = true;
    }

    @Test
    void the_table_covers_at_least_forty_escalations() {
        assertThat(hostileValues().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void a_tenant_admin_is_refused_with_the_path_named_and_nothing_is_stored(Hostile hostile) {
        var response = tenantAdmin().put("/tenants/%s/modules/%s".formatted(ATTACKER, hostile.module()),
                json("{'enabled': true, 'enableDependencies': true, 'values': %s}".formatted(hostile.values())));

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.errorFields()).as(response.toString()).contains(hostile.field());
        assertThat(tenantAdmin().get("/tenants/%s/modules/%s".formatted(ATTACKER, hostile.module())).status())
                .isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void a_platform_admin_may_set_the_same_values_where_the_catalog_allows(Hostile hostile) {
        var response = platformAdmin().put("/tenants/%s/modules/%s".formatted(ADMINS_TENANT, hostile.module()),
                json("{'enabled': true, 'enableDependencies': true, 'values': %s}".formatted(hostile.values())));

        assertThat(response.status()).as(response.toString()).isIn(200, 201);
    }

    @Test
    void a_tenant_admin_sets_the_values_the_catalog_gives_tenants() {
        String slug = "typical-" + SUFFIX;
        assertThat(platformAdmin().post("/tenants", json("{'slug': '%s', 'displayName': 'T', 'ownerGroups': ['team-a-admins']}"
                .formatted(slug))).status()).isEqualTo(201);

        var response = tenantAdmin().put("/tenants/%s/modules/jupyterhub".formatted(slug), json("""
                {'enabled': true, 'values': {'singleuser': {'image': {'name': 'quay.io/jupyter/pytorch-notebook',
                 'tag': '2026-11-02'}, 'cpu': {'limit': 4}, 'memory': {'limit': '8G'}},
                 'cull': {'timeout': 7200}}}"""));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.body().at("/values/singleuser/cpu/limit").asInt()).isEqualTo(4);
    }

    @Test
    void a_value_a_platform_admin_set_stays_when_the_tenant_admin_sends_it_back_but_cannot_be_changed() {
        String slug = "kept-" + SUFFIX;
        assertThat(platformAdmin().post("/tenants", json("{'slug': '%s', 'displayName': 'K', 'ownerGroups': ['team-a-admins']}"
                .formatted(slug))).status()).isEqualTo(201);
        String path = "/tenants/%s/modules/jupyterhub".formatted(slug);
        assertThat(platformAdmin().put(path, json("""
                {'enabled': true, 'values': {'singleuser': {'nodeSelector': {'disk': 'ssd'}}}}""")).status())
                .isEqualTo(201);

        var kept = tenantAdmin().put(path, json("""
                {'values': {'singleuser': {'nodeSelector': {'disk': 'ssd'}, 'cpu': {'limit': 2}}}}"""));
        var changed = tenantAdmin().put(path, json("""
                {'values': {'singleuser': {'nodeSelector': {'disk': 'any'}, 'cpu': {'limit': 2}}}}"""));

        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(422);
        assertThat(changed.errorFields()).containsExactly("values.singleuser.nodeSelector");
        assertThat(tenantAdmin().get(path).body().at("/values/singleuser/nodeSelector/disk").asString())
                .isEqualTo("ssd");
    }
}
