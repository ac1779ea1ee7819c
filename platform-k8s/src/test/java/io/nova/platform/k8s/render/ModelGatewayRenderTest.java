package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.k8s.schema.UpstreamSchemas;

/** A tenant's model gateway as rendered: what it routes, where its keys come from, who may reach it. */
class ModelGatewayRenderTest {

    private static final String ISSUER = "https://vault.example.com/v1/identity/oidc/provider/nova";
    private final ClusterRenderer withVault = new ClusterRenderer(RenderSettings.defaults()
            .withOidc(ISSUER, "https://vault.vault.svc:8200"));

    private static DesiredStates chatTeam() {
        return DesiredStates.direct().pool("l4", "L4", 4, 1, GpuSharing.exclusive()).tenant("chat")
                .model("chat", "qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4", ServingEngine.KSERVE, 1)
                .model("chat", "coder", "Qwen/Qwen2.5-Coder-14B-Instruct", Precision.BF16, "l4",
                        ServingEngine.VLLM_KUBERAY, 1)
                .model("chat", "llm", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4", ServingEngine.KSERVE_LLM, 1)
                .gateway("chat", "models-chat.example.com");
    }

    private static <T> T find(List<HasMetadata> objects, String kind, String name, Class<T> type) {
        return type.cast(objects.stream().filter(o -> o.getKind().equals(kind)
                && o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name)));
    }

    @Test
    void routes_each_deployments_openai_api_behind_the_tenants_api_keys_and_nothing_else() {
        List<HasMetadata> objects = withVault.render(chatTeam().build());

        String server = find(objects, "ConfigMap", "nova-model-gateway", ConfigMap.class).getData()
                .get("gateway.conf.template");
        assertThat(server).contains("location /qwen/v1/", "qwen-predictor.nova-chat.svc.cluster.local:80",
                        "/openai/v1/$1 break")
                .contains("location /coder/v1/", "coder-serve-svc.nova-chat.svc.cluster.local:8000")
                .as("KServe exposes an LLMInferenceService itself").doesNotContain("location /llm/");
        assertThat(server.split("auth_request /_nova_auth;", -1)).as("every model location checks the key")
                .hasSize(3);
        assertThat(server).contains("proxy_set_header Authorization \"\";").contains("location / {\n        return 404;");

        var route = find(objects, "Ingress", "nova-model-gateway", Ingress.class);
        assertThat(route.getSpec().getRules().getFirst().getHost()).isEqualTo("models-chat.example.com");
        assertThat(route.getSpec().getRules().getFirst().getHttp().getPaths().getFirst().getBackend().getService()
                .getName()).isEqualTo("nova-model-gateway");

        var keys = find(objects, "ExternalSecret", "nova-model-api-keys", GenericKubernetesResource.class);
        UpstreamSchemas.assertValid(keys);
        assertThat(keys.getAdditionalProperties().get("spec").toString())
                .contains("key=tenants/chat/credentials/nova-model-api-keys").contains("refreshInterval=1m");
        assertThat(objects).anyMatch(o -> o.getKind().equals("SecretStore") && o.getMetadata().getNamespace()
                .equals("nova-chat"));

        var deployment = find(objects, "Deployment", "nova-model-gateway", GenericKubernetesResource.class);
        String pod = deployment.getAdditionalProperties().get("spec").toString();
        assertThat(pod).contains("secretName=nova-model-api-keys").contains("optional=true").contains("runAsNonRoot=true")
                .contains("readOnlyRootFilesystem=true").contains("automountServiceAccountToken=false");

        var policy = find(objects, "NetworkPolicy", "nova-model-gateway", NetworkPolicy.class);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "nova-model-gateway"));
        assertThat(policy.getSpec().getIngress().getFirst().getPorts().getFirst().getPort().getIntVal())
                .isEqualTo(8080);
    }

    @Test
    void without_starvault_there_is_no_gateway() {
        List<HasMetadata> objects = new ClusterRenderer(RenderSettings.defaults()).render(chatTeam().build());

        assertThat(objects).noneMatch(o -> o.getMetadata().getName().equals("nova-model-gateway"));
        assertThat(objects).noneMatch(o -> o.getMetadata().getName().equals("nova-model-api-keys"));
    }

    @Test
    void a_tenant_without_model_deployments_gets_no_gateway() {
        var state = DesiredStates.direct().pool("l4", "L4", 4, 1, GpuSharing.exclusive()).tenant("quiet").build();

        assertThat(withVault.render(state)).noneMatch(o -> o.getMetadata().getName().startsWith("nova-model-"));
    }
}
