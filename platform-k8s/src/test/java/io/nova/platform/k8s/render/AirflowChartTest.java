package io.nova.platform.k8s.render;

import static io.nova.platform.k8s.render.TenantChartsRenderTest.name;
import static io.nova.platform.k8s.render.TenantChartsRenderTest.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.module.integration.CredentialGenerator;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.module.integration.ToolRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Airflow for a tenant with owners and members, rendered by the platform and then through the real Apache chart:
 * every secret comes from the platform's credentials, the metadata database is the chart's PostgreSQL with the
 * platform's passwords, and the API server logs users in through the platform's provider with the tenant's groups.
 */
class AirflowChartTest {

    private static final String NAMESPACE = ToolChartsRenderTest.NAMESPACE;
    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private static final RenderSettings SETTINGS = RenderSettings.defaults().withOidc(ISSUER, null);

    private static Path chart;
    private static StubKubeApi api;
    private static List<HasMetadata> platform;
    private static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() {
        Path charts = ReferenceCharts.dir().orElse(null);
        assumeTrue(charts != null, "no reference charts (../shared/reference/charts)");
        chart = charts.resolve("airflow");
        api = StubKubeApi.start().orElse(null);
        assumeTrue(api != null, "no stub Kubernetes API for Helm's lookup calls (see StubKubeApi)");
        platform = new ClusterRenderer(SETTINGS).render(ToolChartsRenderTest.everyTool().build());
        rendered = ReferenceCharts.render(chart, "airflow", NAMESPACE,
                ToolChartsRenderTest.releaseValues(platform, "airflow"));
    }

    @AfterAll
    static void stopStubApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void the_chart_makes_no_secret_of_its_own_that_a_pod_reads() {
        var chartSecrets = rendered.stream().filter(o -> "Secret".equals(o.get("kind")))
                .map(TenantChartsRenderTest::name).toList();

        assertThat(PodSecretReferences.of(rendered)).extracting(PodSecretReferences.Reference::secret)
                .doesNotContainAnyElementsOf(chartSecrets)
                .contains("airflow-fernet-key", "airflow-api-secret-key", "airflow-jwt-secret", "airflow-metadata-db",
                        "nova-oidc-airflow");
        assertThat(PodSecretReferences.renderedBy(List.of()).andDeliveredBy(ToolChartsRenderTest.asMaps(platform))
                .unsatisfied(PodSecretReferences.of(rendered))).isEmpty();
    }

    @Test
    void airflow_and_its_postgresql_read_the_same_generated_database_secret() {
        Map<String, Object> postgres = workload("StatefulSet", "airflow-postgresql");
        String containers = String.valueOf(nested(postgres, "spec", "template", "spec", "containers"));
        assertThat(containers)
                .contains("name=POSTGRES_USER, value=airflow")
                .contains("name=POSTGRES_DATABASE, value=airflow")
                .contains("name=POSTGRES_PASSWORD, valueFrom={secretKeyRef={name=airflow-metadata-db, key=password}}")
                .contains("name=POSTGRES_POSTGRES_PASSWORD, valueFrom={secretKeyRef={name=airflow-metadata-db, "
                        + "key=postgres-password}}");
        assertThat(String.valueOf(nested(workload("Deployment", "airflow-scheduler"), "spec", "template", "spec",
                "containers")))
                .contains("name=AIRFLOW__DATABASE__SQL_ALCHEMY_CONN, valueFrom={secretKeyRef={name=airflow-metadata-db,"
                        + " key=connection}}");
    }

    @Test
    void the_generated_connection_reaches_the_charts_postgresql_service_as_its_user_and_database() {
        GeneratedCredential database = DesiredStates.MODULES.find("airflow").orElseThrow().generatedCredentials()
                .stream().filter(c -> c.secret().equals("airflow-metadata-db")).findFirst().orElseThrow();

        Map<String, String> values = new CredentialGenerator().generate(database);

        assertThat(values.get("connection")).isEqualTo("postgresql://airflow:%s@airflow-postgresql:5432/airflow"
                .formatted(values.get("password")) + "?sslmode=disable");
        Map<String, Object> service = workload("Service", "airflow-postgresql");
        assertThat(String.valueOf(nested(service, "spec", "ports"))).contains("port=5432");
        assertThat(metadataNamespace(service)).isIn(null, NAMESPACE);
    }

    @Test
    void the_api_server_mounts_a_webserver_config_that_logs_in_through_the_provider_with_the_tenants_groups() {
        Map<String, Object> configMap = workload("ConfigMap", "airflow-api-server-config");
        String python = String.valueOf(nested(configMap, "data", "webserver_config.py"));

        assertThat(python)
                .contains("AUTH_TYPE = AUTH_OAUTH")
                .contains("AUTH_ROLES_MAPPING = {\"team-a-owners\": [\"Admin\"], \"team-a-users\": [\"User\"]}")
                .contains("AUTH_ROLES_SYNC_AT_LOGIN = True")
                .contains("AUTH_USER_REGISTRATION = True")
                .contains("\"name\": \"nova\"")
                .contains("\"authorize_url\": \"https://vault.example.com/ui/identity/oidc/provider/nova/authorize\"")
                .contains("\"access_token_url\": \"" + ISSUER + "/token\"")
                .contains("\"userinfo_endpoint\": \"" + ISSUER + "/userinfo\"")
                .contains("\"jwks_uri\": \"" + ISSUER + "/.well-known/keys\"")
                .contains("\"client_secret\": os.environ[\"NOVA_OIDC_CLIENT_SECRET\"]")
                .contains("SECURITY_MANAGER_CLASS = NovaSecurityManager");
        Map<String, Object> apiServer = workload("Deployment", "airflow-api-server");
        String pod = String.valueOf(nested(apiServer, "spec", "template", "spec"));
        assertThat(pod)
                .contains("mountPath=/opt/airflow/webserver_config.py, subPath=webserver_config.py")
                .contains("name=api-server-config, configMap={name=airflow-api-server-config}")
                .contains("name=NOVA_OIDC_CLIENT_ID, valueFrom={secretKeyRef={name=nova-oidc-airflow, key=client-id}}")
                .contains("name=NOVA_OIDC_CLIENT_SECRET, valueFrom={secretKeyRef={name=nova-oidc-airflow, "
                        + "key=client-secret}}");
        assertThat(String.valueOf(nested(workload("Deployment", "airflow-scheduler"), "spec", "template")))
                .as("only the API server holds the OIDC client").doesNotContain("nova-oidc-airflow");
    }

    @Test
    void airflow_uses_the_fab_auth_manager_behind_the_route_and_creates_no_default_admin() {
        String config = String.valueOf(nested(workload("ConfigMap", "airflow-config"), "data", "airflow.cfg"));

        assertThat(config)
                .contains("auth_manager = airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager")
                .contains("base_url = https://airflow-team-a.example.com")
                .contains("execution_api_server_url = http://airflow-api-server:8080/execution/");
        assertThat(rendered).noneMatch(o -> "Job".equals(o.get("kind")) && name(o).equals("airflow-create-user"));
    }

    @Test
    void a_tenants_env_cannot_switch_the_login_off_but_keeps_its_other_variables() {
        var state = DesiredStates.gitops().tenant("team-a", "team-a-owners").module("team-a", "airflow", true,
                Map.of("env", List.of(Map.of("name", "AIRFLOW__CORE__LOAD_EXAMPLES", "value", "False"),
                        Map.of("name", "AIRFLOW__CORE__AUTH_MANAGER", "value",
                                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"),
                        Map.of("name", "airflow__core__simple_auth_manager_all_admins", "value", "True"),
                        Map.of("name", "AIRFLOW__API__BASE_URL", "value", "https://evil.example.com")))).build();

        Map<String, Object> values = ToolChartsRenderTest.releaseValues(
                new ClusterRenderer(RenderSettings.defaults().withOidc(
                        "https://vault.example.com/v1/identity/oidc/provider/nova", null)).render(state), "airflow");

        assertThat(values.get("env")).isEqualTo(List.of(Map.of("name", "AIRFLOW__CORE__LOAD_EXAMPLES",
                "value", "False")));
        assertThat(String.valueOf(values.get("config"))).contains("FabAuthManager");
    }

    @Test
    void the_catalogs_route_is_the_api_servers_service() {
        ToolRoute route = DesiredStates.MODULES.find("airflow").orElseThrow().integration().route();

        Map<String, Object> service = workload("Service", route.service());

        assertThat(String.valueOf(nested(service, "spec", "ports"))).contains("port=" + route.port());
    }

    private static Map<String, Object> workload(String kind, String name) {
        return rendered.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("the chart renders no %s %s; it renders %s".formatted(kind, name,
                        rendered.stream().map(o -> o.get("kind") + " " + name(o)).toList())));
    }

    private static Object metadataNamespace(Map<String, Object> object) {
        return TenantChartsRenderTest.metadata(object).get("namespace");
    }
}
