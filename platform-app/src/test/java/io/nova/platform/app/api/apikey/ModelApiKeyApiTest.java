package io.nova.platform.app.api.apikey;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.nova.platform.app.support.ApiTest;
import io.nova.platform.app.support.VaultTokens;
import io.nova.platform.core.apikey.ModelApiKeyService;
import io.nova.platform.vault.testing.VaultApiTestDouble;

/**
 * API keys for a tenant's model endpoints over REST. StarVault is the {@link VaultApiTestDouble} (follows the Vault
 * HTTP API; the platform talks to it with only its shipped policy); PostgreSQL and the GitOps repository are real.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelApiKeyApiTest extends ApiTest {

    static final VaultApiTestDouble VAULT = VaultApiTestDouble.start();

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        VaultTokens.register(registry, VAULT);
    }

    @AfterAll
    static void stopVault() {
        VAULT.close();
    }

    private static Map<String, Object> verifiers(String team) {
        return VAULT.stored("nova/data/tenants/%s/credentials/nova-model-api-keys".formatted(team)).orElse(Map.of());
    }

    @Test
    void a_key_is_shown_once_kept_only_as_its_hash_in_vault_rotated_and_revoked(CapturedOutput output)
            throws IOException {
        String team = unique("keys");
        String path = "/tenants/%s/model-api-keys".formatted(team);
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Keys'}".formatted(team)));

        var created = api.post(path, json("{'name': 'ci'}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("Location")).endsWith(path + "/ci");
        String key = created.body().path("key").asString();
        assertThat(key).startsWith("nvk_").hasSizeGreaterThan(40);
        assertThat(created.body().path("apiKey").path("prefix").asString()).isEqualTo(key.substring(0, 10));
        assertThat(verifiers(team)).containsExactly(Map.entry("ci", ModelApiKeyService.verifier(key)));

        var listed = api.get(path);
        assertThat(listed.body().path("items").get(0).path("name").asString()).isEqualTo("ci");
        assertThat(listed.raw().body()).doesNotContain(key);

        var rotated = api.post(path + "/ci/rotate", "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newKey = rotated.body().path("key").asString();
        assertThat(newKey).isNotEqualTo(key);
        assertThat(verifiers(team)).containsExactly(Map.entry("ci", ModelApiKeyService.verifier(newKey)));

        String web = api.post(path, json("{'name': 'web'}")).body().path("key").asString();
        assertThat(api.delete(path + "/ci").status()).isEqualTo(204);
        assertThat(verifiers(team)).as("the revoked key's hash is gone, the other stays")
                .containsExactly(Map.entry("web", ModelApiKeyService.verifier(web)));
        assertThat(api.get(path).body().path("total").asInt()).isEqualTo(1);

        String database = databaseSnapshot();
        List<String> git = gitFiles();
        for (String secret : List.of(key, newKey, web)) {
            assertThat(database).doesNotContain(secret)
                    .doesNotContain(ModelApiKeyService.verifier(secret).substring("sha256:".length()));
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(git).noneMatch(text -> text.contains(secret));
        }
        assertThat(api.get("/audit?target=tenants/%s/model-api-keys/ci".formatted(team)).raw().body())
                .doesNotContain(key).doesNotContain(newKey);
    }

    @Test
    void bad_names_duplicates_and_unknown_keys_are_refused_and_change_nothing() {
        String team = unique("badkeys");
        String path = "/tenants/%s/model-api-keys".formatted(team);
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Bad'}".formatted(team)));
        assertThat(api.post(path, json("{'name': 'ci'}")).status()).isEqualTo(201);
        String before = databaseSnapshot();

        assertThat(api.post(path, json("{'name': 'Not A Label!'}")).errorFields()).containsExactly("name");
        assertThat(api.post(path, json("{}")).errorFields()).containsExactly("name");
        assertThat(api.post(path, json("{'name': 'ci'}")).status()).isEqualTo(409);
        assertThat(api.post(path + "/nope/rotate", "").status()).isEqualTo(404);
        assertThat(api.delete(path + "/nope").status()).isEqualTo(404);
        assertThat(databaseSnapshot()).isEqualTo(before);
        assertThat(verifiers(team)).containsOnlyKeys("ci");
    }

    @Test
    void a_served_model_gets_a_gateway_url_and_the_tenant_a_gateway_that_reads_the_key_hashes_from_vault()
            throws IOException {
        String team = unique("served");
        String pool = unique("l4");
        api.post("/gpu-pools", json(("{'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 2, "
                + "'gpusPerNode': 1, 'sharing': {'mode': 'EXCLUSIVE'}}").formatted(pool)));
        api.post("/tenants", json("{'slug': '%s', 'displayName': 'Served'}".formatted(team)));
        api.put("/tenants/%s/gpu-quotas/%s".formatted(team, pool), json("{'guaranteed': 0, 'limit': 2}"));
        api.put("/cluster-modules/local/kserve-controller", json("{'enabled': true, 'enableDependencies': true}"));
        api.put("/tenants/%s/modules/kserve".formatted(team), json("{'enabled': true}"));
        var created = api.post("/tenants/%s/model-deployments".formatted(team), json(("{'name': 'qwen', 'model': "
                + "'Qwen/Qwen2.5-7B-Instruct', 'pool': '%s', 'engine': 'KSERVE'}").formatted(pool)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("gatewayUrl")).isEqualTo("https://models-%s.nova.localhost/qwen/v1".formatted(team));

        var reconcile = api.post("/clusters/local/reconcile", "");
        assertThat(reconcile.status()).as(reconcile.toString()).isEqualTo(200);
        Path folder = DATA.resolve("gitops/clusters/local/nova-" + team);
        assertThat(Files.readString(folder.resolve("externalsecret-nova-model-api-keys.yaml")))
                .contains("key: tenants/%s/credentials/nova-model-api-keys".formatted(team));
        assertThat(Files.readString(folder.resolve("configmap-nova-model-gateway.yaml")))
                .contains("location /qwen/v1/").contains("qwen-predictor.nova-%s.svc.cluster.local".formatted(team));
        assertThat(Files.readString(folder.resolve("ingress-nova-model-gateway.yaml")))
                .contains("host: models-%s.nova.localhost".formatted(team));
        assertThat(folder.resolve("deployment-nova-model-gateway.yaml")).exists();
    }

    private static List<String> gitFiles() throws IOException {
        Path root = DATA.resolve("gitops");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/"))
                    .map(ModelApiKeyApiTest::read).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
