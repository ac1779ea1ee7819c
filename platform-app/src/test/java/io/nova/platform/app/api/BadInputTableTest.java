package io.nova.platform.app.api;

import java.util.stream.Stream;

import io.nova.platform.app.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Every bad request gets the right 4xx with problem details naming the field, and leaves every table exactly as it
 * was (no partial writes, no audit event).
 */
class BadInputTableTest extends ApiTest {

    private static final String SUFFIX = java.util.UUID.randomUUID().toString().substring(0, 6);
    static final String TEAM = "bad-team-" + SUFFIX;
    static final String POOL = "bad-pool-" + SUFFIX;
    private static boolean fixtureReady;

    @BeforeEach
    void fixture() {
        if (fixtureReady) {
            return;
        }
        assertThat(api.post("/gpu-pools", json("""
                {'name': '%s', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 4,
                 'sharing': {'mode': 'EXCLUSIVE'}}""".formatted(POOL))).status()).isEqualTo(201);
        assertThat(api.post("/tenants", json("{'slug': '%s', 'displayName': 'Bad'}".formatted(TEAM))).status())
                .isEqualTo(201);
        assertThat(api.put("/tenants/%s/gpu-quotas/%s".formatted(TEAM, POOL), json("{'guaranteed': 1}")).status())
                .isEqualTo(201);
        assertThat(api.put("/tenants/%s/modules/jupyterhub".formatted(TEAM), json("{'enabled': true}")).status())
                .isEqualTo(201);
        fixtureReady = true;
    }

    record BadRequest(String method, String path, String body, String ifMatch, int status, String type,
                      String field) {
    }

    private static Arguments bad(String name, String method, String path, String body, int status, String type,
                                 String field) {
        return argumentSet(name, new BadRequest(method, path, body == null ? null : json(body), null, status, type,
                field));
    }

    static Stream<Arguments> badRequests() {
        String tenant = "{'slug': 'ok-team', 'displayName': 'Ok', %s}";
        String pool = "{'name': 'ok-pool', 'cluster': 'local', 'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 1, "
                + "'sharing': {'mode': 'EXCLUSIVE'}, %s}";
        String quota = "/tenants/" + TEAM + "/gpu-quotas/" + POOL;
        String module = "/tenants/" + TEAM + "/modules/jupyterhub";
        String models = "/tenants/" + TEAM + "/model-deployments";
        String model = "{'pool': '" + POOL + "', %s}";
        return Stream.of(
                bad("malformed JSON", "POST", "/tenants", "{'slug': ", 400, "malformed-request", null),
                bad("model deployment without a name", "POST", models, model.formatted("'model': 'Qwen/Qwen2.5-0.5B-Instruct'"),
                        422, "validation-failed", "name"),
                bad("model deployment name starting with a digit", "POST", models,
                        model.formatted("'name': '7b', 'model': 'Qwen/Qwen2.5-0.5B-Instruct'"), 422, "validation-failed",
                        "name"),
                bad("model deployment name with capitals", "POST", models,
                        model.formatted("'name': 'Qwen', 'model': 'Qwen/Qwen2.5-0.5B-Instruct'"), 422,
                        "validation-failed", "name"),
                bad("model that is neither an id nor a URI", "POST", models,
                        model.formatted("'name': 'm', 'model': 'just a name'"), 422, "validation-failed", "model"),
                bad("model from a bucket without facts", "POST", models,
                        model.formatted("'name': 'm', 'model': 's3://models/qwen'"), 422, "validation-failed", "facts"),
                bad("facts whose KV heads do not divide the heads", "POST", models, model.formatted("'name': 'm', "
                        + "'model': 's3://models/qwen', 'facts': {'parameters': 7000000000, 'layers': 28, "
                        + "'attentionHeads': 28, 'kvHeads': 5, 'headDim': 128, 'maxContext': 32768}"), 422,
                        "validation-failed", "facts.kvHeads"),
                bad("unknown precision", "POST", models,
                        model.formatted("'name': 'm', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', 'precision': 'FP4'"), 400,
                        "malformed-request", "precision"),
                bad("unknown pool for a model", "POST", "/tenants/" + TEAM + "/model-deployments",
                        "{'name': 'm', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', 'pool': 'nowhere'}", 422,
                        "validation-failed", "pool"),
                bad("zero model replicas", "POST", models,
                        model.formatted("'name': 'm', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', 'replicas': 0"), 422,
                        "validation-failed", "replicas"),
                bad("context beyond the model's", "POST", models,
                        model.formatted("'name': 'm', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', 'maxContext': 65536"), 422,
                        "validation-failed", "maxContext"),
                bad("model too big for the pool", "POST", models,
                        model.formatted("'name': 'm', 'model': 'Qwen/Qwen2.5-72B-Instruct', 'precision': 'FP16'"), 422,
                        "does-not-fit", "pool"),
                bad("plan beyond the quota", "POST", models + "/plan",
                        model.formatted("'name': 'm', 'model': 'Qwen/Qwen2.5-0.5B-Instruct', 'replicas': 2"), 422,
                        "does-not-fit", "pool"),
                bad("model without the serving module", "POST", models,
                        model.formatted("'name': 'm', 'model': 'Qwen/Qwen2.5-0.5B-Instruct'"), 409, "conflict", null),
                bad("unknown model deployment", "PUT", models + "/nope",
                        model.formatted("'model': 'Qwen/Qwen2.5-0.5B-Instruct'"), 404, "not-found", null),
                bad("empty body", "POST", "/tenants", "", 400, "malformed-request", null),
                bad("array instead of object", "POST", "/tenants", "[]", 400, "malformed-request", null),
                bad("unknown field", "POST", "/tenants", tenant.formatted("'colour': 'red'"), 400,
                        "malformed-request", "colour"),
                bad("number where a string belongs", "POST", "/tenants", "{'slug': 42, 'displayName': 'x'}", 400,
                        "malformed-request", "slug"),
                bad("unknown enum value", "POST", "/tenants", tenant.formatted("'state': 'DELETED'"), 400,
                        "malformed-request", "state"),
                bad("upper-case slug", "POST", "/tenants", "{'slug': 'Team_A', 'displayName': 'x'}", 422,
                        "validation-failed", "slug"),
                bad("slug longer than 40", "POST", "/tenants", "{'slug': '%s', 'displayName': 'x'}"
                        .formatted("a".repeat(41)), 422, "validation-failed", "slug"),
                bad("missing display name", "POST", "/tenants", "{'slug': 'no-name'}", 422, "validation-failed",
                        "displayName"),
                bad("over-long display name", "POST", "/tenants", "{'slug': 'x1', 'displayName': '%s'}"
                        .formatted("x".repeat(101)), 422, "validation-failed", "displayName"),
                bad("over-long description", "POST", "/tenants", tenant.formatted("'description': '%s'"
                        .formatted("d".repeat(2001))), 422, "validation-failed", "description"),
                bad("negative CPU", "POST", "/tenants", tenant.formatted("'quota': {'cpu': '-4'}"), 422,
                        "validation-failed", "quota.cpu"),
                bad("absurd memory", "POST", "/tenants", tenant.formatted("'quota': {'memory': '999Ei'}"), 422,
                        "validation-failed", "quota.memory"),
                bad("storage that is no quantity", "POST", "/tenants", tenant.formatted("'quota': {'storage': 'lots'}"),
                        422, "validation-failed", "quota.storage"),
                bad("unknown cluster", "POST", "/tenants", tenant.formatted("'cluster': 'nowhere'"), 422,
                        "validation-failed", "cluster"),
                bad("reserved namespace", "POST", "/tenants", tenant.formatted("'namespace': 'kube-system'"), 422,
                        "validation-failed", "namespace"),
                bad("owner group listed twice", "POST", "/tenants", tenant.formatted("'ownerGroups': ['a', 'a']"),
                        422, "validation-failed", "ownerGroups[1]"),
                bad("duplicate tenant", "POST", "/tenants", "{'slug': '%s', 'displayName': 'x'}".formatted(TEAM), 409,
                        "conflict", null),
                bad("cluster name with underscore", "POST", "/clusters", "{'name': 'bad_name', 'deliveryMode': 'DIRECT'}",
                        422, "validation-failed", "name"),
                bad("cluster without delivery mode", "POST", "/clusters", "{'name': 'no-mode'}", 422,
                        "validation-failed", "deliveryMode"),
                bad("GitOps cluster without repository", "POST", "/clusters",
                        "{'name': 'no-repo', 'deliveryMode': 'GITOPS'}", 422, "validation-failed", "gitops.url"),
                bad("plain-http API server", "POST", "/clusters",
                        "{'name': 'plain', 'deliveryMode': 'DIRECT', 'apiServer': 'http://kubernetes.invalid:6443'}", 422,
                        "validation-failed", "apiServer"),
                bad("password in the Git URL", "POST", "/clusters", "{'name': 'pw', 'deliveryMode': 'GITOPS', "
                        + "'gitops': {'url': 'https://bob:s3cret@git.example.com/x.git'}}", 422, "validation-failed",
                        "gitops.url"),
                bad("Git credentials outside the cluster's own Vault path", "POST", "/clusters", "{'name': 'gc', "
                        + "'deliveryMode': 'GITOPS', 'gitops': {'url': 'https://git.example.com/x.git', "
                        + "'credentialsRef': 'tenants/team-a/credentials/x'}}", 422, "validation-failed",
                        "gitops.credentialsRef"),
                bad("Git credentials for a repository the platform serves", "POST", "/clusters", "{'name': 'gl', "
                        + "'deliveryMode': 'GITOPS', 'gitops': {'url': 'file:///var/lib/nova/gitops', "
                        + "'credentialsRef': 'clusters/gl/git'}}", 422, "validation-failed", "gitops.credentialsRef"),
                bad("plain http Git URL (the token would cross in clear text)", "POST", "/clusters", "{'name': 'hg', "
                        + "'deliveryMode': 'GITOPS', 'gitops': {'url': 'http://git.example.com/x.git'}}", 422,
                        "validation-failed", "gitops.url"),
                bad("file:// repository outside the platform's folders", "POST", "/clusters", "{'name': 'fg', "
                        + "'deliveryMode': 'GITOPS', 'gitops': {'url': 'file:///etc/nova-elsewhere'}}", 422,
                        "validation-failed", "gitops.url"),
                bad("push token reference without a key", "POST", "/clusters", "{'name': 'gp', "
                        + "'deliveryMode': 'GITOPS', 'gitops': {'url': 'https://git.example.com/x.git', "
                        + "'pushCredentialsRef': 'nova/clusters/gp/push'}}", 422, "validation-failed",
                        "gitops.pushCredentialsRef"),
                bad("GitOps settings on a direct cluster", "PUT", "/clusters/local", "{'deliveryMode': 'DIRECT', "
                        + "'gitops': {'url': 'https://git.example.com/x.git'}}", 422, "validation-failed", "gitops"),
                bad("unknown GPU model", "POST", "/gpu-pools", "{'name': 'p1', 'cluster': 'local', 'gpuModel': 'X9', "
                        + "'nodeCount': 1, 'gpusPerNode': 1, 'sharing': {'mode': 'EXCLUSIVE'}}", 422,
                        "validation-failed", "gpuModel"),
                bad("negative node count", "POST", "/gpu-pools", "{'name': 'p2', 'cluster': 'local', 'gpuModel': 'L4', "
                        + "'nodeCount': -1, 'gpusPerNode': 1, 'sharing': {'mode': 'EXCLUSIVE'}}", 422,
                        "validation-failed", "nodeCount"),
                bad("absurd GPUs per node", "POST", "/gpu-pools", "{'name': 'p3', 'cluster': 'local', 'gpuModel': 'L4', "
                        + "'nodeCount': 1, 'gpusPerNode': 1000, 'sharing': {'mode': 'EXCLUSIVE'}}", 422,
                        "validation-failed", "gpusPerNode"),
                bad("fractional node count", "POST", "/gpu-pools", "{'name': 'p4', 'cluster': 'local', "
                        + "'gpuModel': 'L4', 'nodeCount': 1.5, 'gpusPerNode': 1, 'sharing': {'mode': 'EXCLUSIVE'}}",
                        400, "malformed-request", "nodeCount"),
                bad("one time-slicing replica", "POST", "/gpu-pools", "{'name': 'p5', 'cluster': 'local', "
                        + "'gpuModel': 'T4', 'nodeCount': 1, 'gpusPerNode': 1, "
                        + "'sharing': {'mode': 'TIME_SLICING', 'replicas': 1}}", 422, "validation-failed",
                        "sharing.replicas"),
                bad("65 time-slicing replicas", "POST", "/gpu-pools", "{'name': 'p6', 'cluster': 'local', "
                        + "'gpuModel': 'T4', 'nodeCount': 1, 'gpusPerNode': 1, "
                        + "'sharing': {'mode': 'TIME_SLICING', 'replicas': 65}}", 422, "validation-failed",
                        "sharing.replicas"),
                bad("MIG profile the GPU does not have", "POST", "/gpu-pools", "{'name': 'p7', 'cluster': 'local', "
                        + "'gpuModel': 'H100-80GB', 'nodeCount': 1, 'gpusPerNode': 8, "
                        + "'sharing': {'mode': 'MIG', 'migDevices': {'1g.5gb': 7}}}", 422, "validation-failed",
                        "sharing.migDevices.1g.5gb"),
                bad("MIG on a GPU without MIG", "POST", "/gpu-pools", "{'name': 'p8', 'cluster': 'local', "
                        + "'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 8, "
                        + "'sharing': {'mode': 'MIG', 'migLayout': 'all-1g.10gb'}}", 422, "validation-failed", null),
                bad("single MIG strategy with several profiles", "POST", "/gpu-pools", "{'name': 'p11', "
                        + "'cluster': 'local', 'gpuModel': 'A100-80GB', 'nodeCount': 1, 'gpusPerNode': 8, "
                        + "'sharing': {'mode': 'MIG', 'migStrategy': 'single', 'migLayout': 'all-balanced'}}", 422,
                        "validation-failed", "sharing.migStrategy"),
                bad("replicas on an exclusive pool", "POST", "/gpu-pools", "{'name': 'p12', 'cluster': 'local', "
                        + "'gpuModel': 'L4', 'nodeCount': 1, 'gpusPerNode': 1, "
                        + "'sharing': {'mode': 'EXCLUSIVE', 'replicas': 4}}", 422, "validation-failed",
                        "sharing.replicas"),
                bad("MIG layout on a time-sliced pool", "POST", "/gpu-pools", "{'name': 'p13', 'cluster': 'local', "
                        + "'gpuModel': 'A100-80GB', 'nodeCount': 1, 'gpusPerNode': 1, "
                        + "'sharing': {'mode': 'TIME_SLICING', 'replicas': 4, 'migLayout': 'all-1g.10gb'}}", 422,
                        "validation-failed", "sharing.migLayout"),
                bad("invalid node selector key", "POST", "/gpu-pools", pool.formatted("'nodeSelector': {'bad key': 'x'}")
                        .replace("ok-pool", "p9"), 422, "validation-failed", "nodeSelector.bad key"),
                bad("sharing missing", "POST", "/gpu-pools", "{'name': 'p10', 'cluster': 'local', 'gpuModel': 'L4', "
                        + "'nodeCount': 1, 'gpusPerNode': 1}", 422, "validation-failed", "sharing"),
                bad("duplicate pool", "POST", "/gpu-pools", pool.formatted("'nodeSelector': {}").replace("ok-pool", POOL),
                        409, "conflict", null),
                bad("pool on unknown cluster", "POST", "/gpu-pools", pool.formatted("'nodeSelector': {}")
                        .replace("'local'", "'nowhere'"), 422, "validation-failed", "cluster"),
                bad("limit below guarantee", "PUT", quota, "{'guaranteed': 2, 'limit': 1}", 422, "validation-failed",
                        "limit"),
                bad("negative guarantee", "PUT", quota, "{'guaranteed': -1}", 422, "validation-failed", "guaranteed"),
                bad("resource the pool does not offer", "PUT", quota,
                        "{'resources': {'nvidia.com/mig-1g.10gb': {'guaranteed': 1}}}", 422, "validation-failed",
                        "resources.nvidia.com/mig-1g.10gb"),
                bad("guarantee beyond capacity", "PUT", quota, "{'guaranteed': 5}", 409, "conflict", null),
                bad("quota on an unknown pool", "PUT", "/tenants/" + TEAM + "/gpu-quotas/nope", "{'guaranteed': 1}",
                        404, "not-found", null),
                bad("unsupported module version", "PUT", module, "{'version': '0.0.1'}", 422, "validation-failed",
                        "version"),
                bad("values that are no object", "PUT", module, "{'values': [1, 2]}", 400, "malformed-request",
                        "values"),
                bad("enabled that is no boolean", "PUT", module, "{'enabled': 'yes'}", 400, "malformed-request",
                        "enabled"),
                bad("deleting a pool in use", "DELETE", "/gpu-pools/" + POOL, null, 409, "conflict", null),
                bad("deleting a tenant with enabled modules", "DELETE", "/tenants/" + TEAM, null, 409, "conflict",
                        null),
                bad("updating a missing tenant", "PUT", "/tenants/missing-team", "{'displayName': 'x'}", 404,
                        "not-found", null),
                bad("page size over 200", "GET", "/tenants?size=500", null, 422, "validation-failed", "size"),
                bad("tenant sort by an unknown property", "GET", "/tenants?sort=password", null, 422,
                        "validation-failed", "sort"),
                bad("tenant sort in an unknown direction", "GET", "/tenants?sort=slug,sideways", null, 422,
                        "validation-failed", "sort"),
                bad("since that is no time", "GET", "/audit?since=yesterday", null, 400, "malformed-request", "since"),
                argumentSet("stale If-Match", new BadRequest("PUT", "/tenants/" + TEAM,
                        json("{'displayName': 'Changed'}"), "\"99\"", 412, "precondition-failed", null)));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void is_rejected_with_a_problem_and_changes_nothing(BadRequest bad) {
        String before = databaseSnapshot();
        var response = switch (bad.method()) {
            case "POST" -> api.post(bad.path(), bad.body());
            case "PUT" -> api.put(bad.path(), bad.body(), bad.ifMatch());
            case "DELETE" -> api.delete(bad.path());
            default -> api.get(bad.path());
        };
        assertThat(response.status()).as(response.toString()).isEqualTo(bad.status());
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://nova-platform.io/problems/" + bad.type());
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.raw().body()).doesNotContain("Exception").doesNotContain("at io.nova");
        if (bad.field() != null) {
            assertThat(response.errorFields()).contains(bad.field());
        }
        assertThat(databaseSnapshot()).isEqualTo(before);
    }
}
