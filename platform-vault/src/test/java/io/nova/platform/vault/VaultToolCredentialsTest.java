package io.nova.platform.vault;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.module.integration.CredentialKey;
import io.nova.platform.core.module.integration.CredentialKind;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.vault.api.SpringVaultApi;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.config.VaultConnection;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.testing.VaultApiTestDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.nova.platform.vault.VaultTenantSecretsTest.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credentials the tenants' tools expect, generated into KV v2 with check-and-set writes. */
class VaultToolCredentialsTest {

    static final GeneratedCredential MLFLOW_S3 = new GeneratedCredential("mlflow-s3-credentials", List.of(
            new CredentialKey("AWS_ACCESS_KEY_ID", CredentialKind.ACCESS_KEY, null),
            new CredentialKey("AWS_SECRET_ACCESS_KEY", CredentialKind.PASSWORD, null)), "MLflow's key to MinIO");
    static final GeneratedCredential AIRFLOW_FERNET = new GeneratedCredential("airflow-fernet-key", List.of(
            new CredentialKey("fernet-key", CredentialKind.FERNET_KEY, null)), "Airflow's Fernet key");
    static final GeneratedCredential METADATA_DB = new GeneratedCredential("airflow-metadata", List.of(
            new CredentialKey("user", CredentialKind.FIXED, "airflow"),
            new CredentialKey("password", CredentialKind.PASSWORD, null),
            new CredentialKey("connection", CredentialKind.DERIVED,
                    "postgresql://{{user}}:{{password}}@airflow-postgresql:5432/airflow"),
            new CredentialKey("webserver-secret-key", CredentialKind.HEX_KEY, null),
            new CredentialKey("cookie-secret", CredentialKind.COOKIE_SECRET, null)), "Airflow's database");
    static final TenantIdentity TEAM_A = new TenantIdentity("team-a", "ml-team-a", List.of("team-a-admins"),
            List.of(), false, List.of(MLFLOW_S3, AIRFLOW_FERNET, METADATA_DB));
    private static final String MLFLOW_PATH = "nova/data/tenants/team-a/credentials/mlflow-s3-credentials";

    private VaultApiTestDouble vault;
    private VaultConnection connection;
    private VaultProperties properties;
    private SpringVaultApi api;
    private VaultTenantSecrets secrets;

    @BeforeEach
    void start() {
        vault = VaultApiTestDouble.start();
        vault.enableKubernetesAuth();
        properties = VaultProperties.withToken(vault.uri().toString(), vault.rootToken())
                .withOidc(new VaultProperties.Oidc(null, List.of(), null, null));
        connection = VaultConnection.open(properties);
        api = new SpringVaultApi(connection.template(), properties.uri());
        secrets = new VaultTenantSecrets(api, properties);
    }

    @AfterEach
    void stop() {
        connection.close();
        vault.close();
    }

    @Test
    void each_credential_is_created_once_with_values_of_the_documented_forms() {
        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.actions()).contains(
                "create generated credential mlflow-s3-credentials (keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
                "create generated credential airflow-fernet-key (keys fernet-key)",
                "create generated credential airflow-metadata (keys user, password, connection, "
                        + "webserver-secret-key, cookie-secret)");
        Map<String, Object> s3 = stored(MLFLOW_PATH);
        assertThat(s3).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat((String) s3.get("AWS_ACCESS_KEY_ID")).matches("[A-Z0-9]{20}");
        assertThat((String) s3.get("AWS_SECRET_ACCESS_KEY")).matches("[A-Za-z0-9]{40}");
        String fernet = (String) stored("nova/data/tenants/team-a/credentials/airflow-fernet-key").get("fernet-key");
        assertThat(fernet).matches("[-_A-Za-z0-9]{43}=");
        assertThat(Base64.getUrlDecoder().decode(fernet)).hasSize(32);
        Map<String, Object> database = stored("nova/data/tenants/team-a/credentials/airflow-metadata");
        assertThat(database).containsEntry("user", "airflow")
                .containsEntry("connection", "postgresql://airflow:%s@airflow-postgresql:5432/airflow"
                        .formatted(database.get("password")));
        assertThat((String) database.get("webserver-secret-key")).matches("[0-9a-f]{64}");
        assertThat((String) database.get("cookie-secret")).matches("[A-Za-z0-9]{32}");
        assertThat(version("mlflow-s3-credentials")).isEqualTo(1);
        assertThat(vault.requests()).filteredOn(r -> r.equals("POST /v1/" + MLFLOW_PATH)).hasSize(1);
    }

    @Test
    void a_second_provisioning_writes_nothing() {
        secrets.provision(TEAM_A);
        Map<String, Object> before = stored(MLFLOW_PATH);
        int requests = vault.requests().size();

        ProvisioningReport second = secrets.provision(TEAM_A);

        assertThat(second.actions()).isEmpty();
        assertThat(writes(vault.requests().subList(requests, vault.requests().size()))).isEmpty();
        assertThat(stored(MLFLOW_PATH)).isEqualTo(before);
        assertThat(version("mlflow-s3-credentials")).isEqualTo(1);
    }

    @Test
    void a_key_the_catalog_adds_is_generated_and_the_values_already_there_are_kept() {
        secrets.provision(TEAM_A);
        Map<String, Object> before = stored(MLFLOW_PATH);
        var withRegion = new GeneratedCredential(MLFLOW_S3.secret(), List.of(MLFLOW_S3.keys().get(0),
                MLFLOW_S3.keys().get(1), new CredentialKey("AWS_DEFAULT_REGION", CredentialKind.FIXED, "us-east-1"),
                new CredentialKey("S3_SESSION_KEY", CredentialKind.HEX_KEY, null)), MLFLOW_S3.description());

        ProvisioningReport report = secrets.provision(tenantWith(withRegion, AIRFLOW_FERNET, METADATA_DB));

        assertThat(report.actions()).containsExactly(
                "update generated credential mlflow-s3-credentials (keys AWS_DEFAULT_REGION, S3_SESSION_KEY)");
        assertThat(stored(MLFLOW_PATH)).containsAllEntriesOf(before).containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsKey("S3_SESSION_KEY");
        assertThat(version("mlflow-s3-credentials")).isEqualTo(2);
        assertThat(secrets.provision(tenantWith(withRegion, AIRFLOW_FERNET, METADATA_DB)).actions()).isEmpty();
    }

    @Test
    void a_credential_no_longer_requested_stays_readable_until_the_tenant_is_removed() {
        secrets.provision(TEAM_A);
        Map<String, Object> before = stored(MLFLOW_PATH);

        ProvisioningReport withoutMlflow = secrets.provision(tenantWith(AIRFLOW_FERNET, METADATA_DB));
        ProvisioningReport again = secrets.provision(TEAM_A);

        assertThat(withoutMlflow.actions()).isEmpty();
        assertThat(again.actions()).isEmpty();
        assertThat(stored(MLFLOW_PATH)).isEqualTo(before);
    }

    @Test
    void a_concurrent_create_keeps_the_values_of_the_first_writer() {
        Map<String, String> first = Map.of("AWS_ACCESS_KEY_ID", "FIRSTWRITERACCESSKEY",
                "AWS_SECRET_ACCESS_KEY", "first-writer-secret-key");
        var racing = new VaultTenantSecrets(new OtherReplicaWritesFirst(api, MLFLOW_PATH, first), properties);

        ProvisioningReport report = racing.provision(tenantWith(MLFLOW_S3));

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.actions()).noneMatch(action -> action.contains("mlflow-s3-credentials"));
        assertThat(stored(MLFLOW_PATH)).isEqualTo(first);
        assertThat(version("mlflow-s3-credentials")).isEqualTo(1);
    }

    @Test
    void a_concurrent_create_of_fewer_keys_is_completed_without_changing_its_values() {
        var racing = new VaultTenantSecrets(new OtherReplicaWritesFirst(api, MLFLOW_PATH,
                Map.of("AWS_ACCESS_KEY_ID", "FIRSTWRITERACCESSKEY")), properties);

        ProvisioningReport report = racing.provision(tenantWith(MLFLOW_S3));

        assertThat(report.actions()).contains(
                "update generated credential mlflow-s3-credentials (keys AWS_SECRET_ACCESS_KEY)");
        assertThat(stored(MLFLOW_PATH)).containsEntry("AWS_ACCESS_KEY_ID", "FIRSTWRITERACCESSKEY")
                .containsKey("AWS_SECRET_ACCESS_KEY");
        assertThat(version("mlflow-s3-credentials")).isEqualTo(2);
    }

    @Test
    void a_credential_deleted_by_hand_is_created_again() {
        secrets.provision(TEAM_A);
        Map<String, Object> before = stored(MLFLOW_PATH);
        api.delete(MLFLOW_PATH);

        ProvisioningReport report = secrets.provision(TEAM_A);

        assertThat(report.actions()).containsExactly("create generated credential mlflow-s3-credentials "
                + "(keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
        assertThat(stored(MLFLOW_PATH)).isNotEqualTo(before);
        assertThat(version("mlflow-s3-credentials")).isEqualTo(2);
    }

    @Test
    void rotation_gives_every_generated_key_a_new_value_and_the_secret_a_new_version() {
        secrets.provision(TEAM_A);
        Map<String, Object> before = stored("nova/data/tenants/team-a/credentials/airflow-metadata");

        secrets.rotateCredential("team-a", METADATA_DB);

        Map<String, Object> after = stored("nova/data/tenants/team-a/credentials/airflow-metadata");
        assertThat(after.get("user")).isEqualTo("airflow");
        for (String key : List.of("password", "connection", "webserver-secret-key", "cookie-secret")) {
            assertThat(after.get(key)).as(key).isNotEqualTo(before.get(key));
        }
        assertThat((String) after.get("connection")).contains(":" + after.get("password") + "@");
        assertThat(version("airflow-metadata")).isEqualTo(2);
        assertThat(secrets.provision(TEAM_A).actions()).isEmpty();
    }

    @Test
    void a_credential_never_provisioned_cannot_be_rotated() {
        secrets.provision(tenantWith(AIRFLOW_FERNET));

        assertThatThrownBy(() -> secrets.rotateCredential("team-a", MLFLOW_S3))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("team-a/mlflow-s3-credentials");
        assertThatThrownBy(() -> secrets.rotateCredential("team-b", AIRFLOW_FERNET))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> secrets.rotateCredential("../team-a", AIRFLOW_FERNET))
                .isInstanceOf(NotFoundException.class);
        assertThat(vault.stored("nova/data/tenants/team-b/credentials/airflow-fernet-key")).isEmpty();
    }

    @Test
    void a_plan_names_the_credentials_it_would_create_and_writes_nothing() {
        ProvisioningReport plan = secrets.plan(TEAM_A);

        assertThat(plan.actions()).contains("create generated credential airflow-fernet-key (keys fernet-key)");
        assertThat(writes(vault.requests())).isEmpty();
        assertThat(plan.actions()).isEqualTo(secrets.provision(TEAM_A).actions());
    }

    @Test
    void removing_the_tenant_deletes_its_credentials_and_its_secret_stores_role_and_policy() {
        secrets.provision(TEAM_A);

        ProvisioningReport report = secrets.remove("team-a");

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.actions()).contains("delete KV secret nova/tenants/team-a/credentials/mlflow-s3-credentials",
                "delete Kubernetes auth role nova-team-a._secret-store",
                "delete ACL policy nova-tenant-team-a._secret-store");
        for (String gone : List.of("nova/metadata/tenants/team-a/credentials/mlflow-s3-credentials",
                "nova/metadata/tenants/team-a/credentials/airflow-metadata",
                "auth/kubernetes/role/nova-team-a._secret-store", "sys/policies/acl/nova-tenant-team-a._secret-store")) {
            assertThat(vault.stored(gone)).as(gone).isEmpty();
        }
    }

    private static TenantIdentity tenantWith(GeneratedCredential... credentials) {
        return new TenantIdentity(TEAM_A.slug(), TEAM_A.namespace(), TEAM_A.ownerGroups(), List.of(), false,
                List.of(credentials));
    }

    private Map<String, Object> stored(String path) {
        return vault.stored(path).orElseThrow(() -> new AssertionError("nothing stored at " + path));
    }

    private Object version(String secret) {
        return stored("nova/metadata/tenants/team-a/credentials/" + secret).get("current_version");
    }

    /** Another replica creates the secret between this replica's read and its first write to it. */
    private record OtherReplicaWritesFirst(VaultApi delegate, String path, Map<String, String> values,
                                           AtomicBoolean done) implements ForwardingVaultApi {

        OtherReplicaWritesFirst(VaultApi delegate, String path, Map<String, String> values) {
            this(delegate, path, values, new AtomicBoolean());
        }

        @Override
        public Optional<Map<String, Object>> write(String path, Map<String, ?> body) {
            if (path.equals(this.path) && done.compareAndSet(false, true)) {
                delegate.write(path, Map.of("options", Map.of("cas", 0), "data", values));
            }
            return delegate.write(path, body);
        }
    }
}
