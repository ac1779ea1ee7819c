package io.nova.platform.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.serving.Precision;
import io.nova.platform.core.serving.ServingEngine;
import io.nova.platform.k8s.direct.ManagedKind;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ModelServingRenderTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private final ClusterRenderer renderer = new ClusterRenderer(RenderSettings.defaults());

    private static GenericKubernetesResource find(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .map(GenericKubernetesResource.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + objects.stream()
                        .map(ClusterRenderer::id).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Object at(GenericKubernetesResource resource, String path) {
        Object current = resource.getAdditionalProperties();
        for (String part : path.split("\\.")) {
            current = part.matches("\\d+") ? ((List<Object>) current).get(Integer.parseInt(part))
                    : ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(GenericKubernetesResource resource, String path) {
        return (List<Object>) at(resource, path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(GenericKubernetesResource resource, String path) {
        return (Map<String, Object>) at(resource, path);
    }

    private static JsonNode serveConfig(GenericKubernetesResource rayService) {
        return YAML.readTree((String) at(rayService, "spec.serveConfigV2"));
    }

    @Test
    void renders_qwen_14b_over_three_of_four_t4_nodes_as_a_valid_ray_service_with_pipeline_parallelism() {
        var state = DesiredStates.gitops().pool("t4", "T4", 4, 1, GpuSharing.exclusive()).tenant("code")
                .model("code", "coder", "Qwen/Qwen2.5-Coder-14B-Instruct", Precision.FP16, "t4", null, 1).build();

        var rayService = find(renderer.render(state), "RayService", "coder");

        UpstreamSchemas.assertValid(rayService);
        assertThat(rayService.getApiVersion()).isEqualTo("ray.io/v1");
        assertThat(rayService.getMetadata().getNamespace()).isEqualTo("nova-code");
        assertThat(rayService.getMetadata().getLabels()).containsEntry("ml.nova.io/model-deployment", "coder")
                .containsEntry("app.kubernetes.io/managed-by", "nova-platform");
        JsonNode llm = serveConfig(rayService).path("applications").get(0).path("args").path("llm_configs").get(0);
        assertThat(llm.path("engine_kwargs").path("tensor_parallel_size").asInt()).isEqualTo(1);
        assertThat(llm.path("engine_kwargs").path("pipeline_parallel_size").asInt()).isEqualTo(3);
        assertThat(llm.path("engine_kwargs").path("dtype").asString()).isEqualTo("half");
        assertThat(llm.path("engine_kwargs").path("max_model_len").asInt()).isEqualTo(8192);
        assertThat(llm.path("engine_kwargs").path("gpu_memory_utilization").asDouble()).isEqualTo(0.9);
        assertThat(llm.path("model_loading_config").path("model_source").asString())
                .isEqualTo("Qwen/Qwen2.5-Coder-14B-Instruct");
        assertThat(at(rayService, "spec.rayClusterConfig.workerGroupSpecs.0.replicas")).isEqualTo(3);
        assertThat(at(rayService, "spec.rayClusterConfig.workerGroupSpecs.0.template.spec.nodeSelector"))
                .isEqualTo(Map.of("nvidia.com/gpu.product", "Tesla-T4"));
        assertThat(at(rayService, ("spec.rayClusterConfig.workerGroupSpecs.0.template.spec.containers.0.resources"
                + ".limits"))).isEqualTo(Map.of("cpu", "4", "memory", "18Gi", "nvidia.com/gpu", "1"));
        assertThat(at(rayService, "spec.rayClusterConfig.headGroupSpec.rayStartParams.num-gpus")).isEqualTo("0");
    }

    @Test
    void renders_a_single_node_model_as_a_valid_inference_service_with_vllm_arguments() {
        var state = DesiredStates.direct().pool("l4", "L4", 2, 1, GpuSharing.exclusive()).tenant("chat")
                .model("chat", "qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "l4", null, 2).build();

        var isvc = find(renderer.render(state), "InferenceService", "qwen");

        UpstreamSchemas.assertValid(isvc);
        assertThat(isvc.getApiVersion()).isEqualTo("serving.kserve.io/v1beta1");
        assertThat(at(isvc, "spec.predictor.model.storageUri")).isEqualTo("hf://Qwen/Qwen2.5-7B-Instruct");
        assertThat(at(isvc, "spec.predictor.model.modelFormat.name")).isEqualTo("huggingface");
        assertThat(list(isvc, "spec.predictor.model.args")).contains("--model_name=qwen",
                "--dtype=bfloat16", "--tensor-parallel-size=1", "--max-model-len=8192");
        assertThat(at(isvc, "spec.predictor.minReplicas")).isEqualTo(2);
        assertThat(at(isvc, "spec.predictor.model.readinessProbe.httpGet.path")).isEqualTo("/openai/v1/models");
        assertThat(at(isvc, "spec.predictor.workerSpec")).isNull();
        assertThat(map(isvc, "spec.predictor.model.resources.limits")).containsEntry("nvidia.com/gpu", "1");
    }

    @Test
    void kserve_spreads_a_model_over_nodes_with_a_worker_spec() {
        var state = DesiredStates.direct().pool("t4", "T4", 4, 1, GpuSharing.exclusive()).tenant("code")
                .model("code", "qwen7b", "Qwen/Qwen2.5-7B-Instruct", Precision.FP16, "t4", ServingEngine.KSERVE, 1)
                .build();

        var isvc = find(renderer.render(state), "InferenceService", "qwen7b");

        UpstreamSchemas.assertValid(isvc);
        assertThat(at(isvc, "spec.predictor.workerSpec.pipelineParallelSize")).isEqualTo(2);
        assertThat(at(isvc, "spec.predictor.workerSpec.tensorParallelSize")).isEqualTo(1);
        assertThat(list(isvc, "spec.predictor.model.args")).noneMatch(a -> a.toString()
                .startsWith("--tensor-parallel-size"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            tp only: Qwen 32B BF16 on one node of four L4s,    Qwen/Qwen2.5-32B-Instruct,   L4, 1, 4, 4, 1
            pp only: Qwen 7B FP16 over four T4 nodes,          Qwen/Qwen2.5-7B-Instruct,    T4, 4, 1, 1, 2
            tp x pp: Qwen 72B BF16 over two nodes of four L4s, Qwen/Qwen2.5-72B-Instruct,   L4, 4, 4, 4, 2
            """)
    void an_llm_inference_service_carries_the_plans_parallelism_and_is_valid_against_the_crd(String layout,
            String modelId, String gpu, int nodes, int gpusPerNode, int tp, int pp) {
        var precision = "T4".equals(gpu) ? Precision.FP16 : Precision.BF16;
        var state = DesiredStates.direct().pool("p", gpu, nodes, gpusPerNode, GpuSharing.exclusive()).tenant("lab")
                .model("lab", "llm", modelId, precision, "p", ServingEngine.KSERVE_LLM, 1).build();

        var llm = find(renderer.render(state), "LLMInferenceService", "llm");

        UpstreamSchemas.assertValid(llm);
        assertThat(at(llm, "spec.parallelism.tensor")).isEqualTo(tp);
        assertThat(at(llm, "spec.parallelism.pipeline")).isEqualTo(pp > 1 ? pp : null);
        assertThat(at(llm, "spec.model.uri")).isEqualTo("hf://" + modelId);
        assertThat(map(llm, "spec.template.containers.0.resources.limits"))
                .containsEntry("nvidia.com/gpu", Integer.toString(tp));
        assertThat(at(llm, "spec.worker")).as("workers only when it spans nodes").satisfies(worker -> {
            if (pp > 1) {
                assertThat(worker).isNotNull();
            } else {
                assertThat(worker).isNull();
            }
        });
        assertThat(String.valueOf(at(llm, "spec.template.tolerations"))).contains("ml.nova.io/pool");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            tp only: Qwen 32B BF16 on one node of four L4s,    Qwen/Qwen2.5-32B-Instruct,   L4, 1, 4, 4, 1
            pp only: Qwen 7B FP16 over four T4 nodes,          Qwen/Qwen2.5-7B-Instruct,    T4, 4, 1, 1, 2
            tp x pp: Qwen 72B BF16 over two nodes of four L4s, Qwen/Qwen2.5-72B-Instruct,   L4, 4, 4, 4, 2
            """)
    void plain_vllm_runs_as_a_leader_worker_set_with_the_plans_sizes_and_is_valid_against_the_crd(String layout,
            String modelId, String gpu, int nodes, int gpusPerNode, int tp, int pp) {
        var precision = "T4".equals(gpu) ? Precision.FP16 : Precision.BF16;
        var state = DesiredStates.direct().pool("p", gpu, nodes, gpusPerNode, GpuSharing.exclusive()).tenant("lab")
                .model("lab", "llm", modelId, precision, "p", ServingEngine.VLLM_LWS, 1).build();
        List<HasMetadata> objects = renderer.render(state);

        var lws = find(objects, "LeaderWorkerSet", "llm");

        UpstreamSchemas.assertValid(lws);
        assertThat(at(lws, "spec.leaderWorkerTemplate.size")).isEqualTo(pp);
        String leader = String.valueOf(list(lws, "spec.leaderWorkerTemplate.leaderTemplate.spec.containers"));
        assertThat(leader).contains("vllm serve \"$NOVA_MODEL_SOURCE\"", "value=" + modelId,
                "--tensor-parallel-size " + tp,
                "--pipeline-parallel-size " + pp, "path=/v1/models");
        assertThat(leader.contains("--ray_cluster_size")).as("Ray only for a group over nodes").isEqualTo(pp > 1);
        assertThat(map(lws, "spec.leaderWorkerTemplate.workerTemplate.spec.containers.0.resources.limits"))
                .containsEntry("nvidia.com/gpu", Integer.toString(tp));
        var service = objects.stream().filter(o -> o.getKind().equals("Service")
                && o.getMetadata().getName().equals("llm-openai")).findFirst().orElseThrow();
        assertThat(((io.fabric8.kubernetes.api.model.Service) service).getSpec().getSelector())
                .containsEntry("leaderworkerset.sigs.k8s.io/name", "llm")
                .containsEntry("leaderworkerset.sigs.k8s.io/worker-index", "0");
    }

    @Test
    void a_model_source_never_becomes_shell_text_in_plain_vllms_command() {
        var state = DesiredStates.direct().pool("l4", "L4", 1, 1, GpuSharing.exclusive()).tenant("lab")
                .model("lab", "llm", "Qwen/Qwen2.5-0.5B-Instruct", Precision.BF16, "l4", ServingEngine.VLLM_LWS, 1)
                .build();
        var planned = state.models().getFirst();
        // what the service's URI check lets through after the bucket name: anything but whitespace
        String hostile = "s3://models/x;curl$(id)`reboot`";
        var model = new io.nova.platform.core.serving.ModelDeploymentSnapshot(planned.tenant(), planned.name(),
                hostile, planned.pool(), 1, planned.maxContext(), planned.plan(), 1);

        var lws = new LeaderWorkerSetRenderer().render("c", "nova-lab", model, state.pools().getFirst(), false);

        String command = (String) at(lws, "spec.leaderWorkerTemplate.leaderTemplate.spec.containers.0.command.2");
        assertThat(command).doesNotContain("curl").doesNotContain("models/x")
                .contains("vllm serve \"$NOVA_MODEL_SOURCE\"");
        assertThat(list(lws, "spec.leaderWorkerTemplate.leaderTemplate.spec.containers.0.env"))
                .contains(Map.of("name", "NOVA_MODEL_SOURCE", "value", hostile));
    }

    @Test
    void a_mig_instance_is_requested_by_its_profile_resource() {
        var state = DesiredStates.direct().pool("h200", "H200-141GB", 1, 8,
                        GpuSharing.migLayout(MigStrategy.mixed, "all-balanced")).tenant("lab")
                .model("lab", "qwen", "Qwen/Qwen2.5-7B-Instruct", Precision.BF16, "h200", null, 1).build();

        var isvc = find(renderer.render(state), "InferenceService", "qwen");

        UpstreamSchemas.assertValid(isvc);
        assertThat(map(isvc, "spec.predictor.model.resources.limits"))
                .containsEntry("nvidia.com/mig-2g.35gb", "1").doesNotContainKey("nvidia.com/gpu");
    }

    @Test
    void a_time_sliced_share_limits_vllm_to_its_fraction_of_the_gpu() {
        var state = DesiredStates.direct().pool("l4s", "L4", 1, 1, GpuSharing.timeSlicing(4, false, false))
                .tenant("lab").model("lab", "small", "Qwen/Qwen2.5-1.5B-Instruct", Precision.FP16, "l4s",
                        ServingEngine.VLLM_KUBERAY, 1).build();

        var rayService = find(renderer.render(state), "RayService", "small");

        UpstreamSchemas.assertValid(rayService);
        JsonNode kwargs = serveConfig(rayService).path("applications").get(0).path("args").path("llm_configs").get(0)
                .path("engine_kwargs");
        assertThat(kwargs.path("gpu_memory_utilization").asDouble()).isEqualTo(0.225);
    }

    @Test
    void quantised_weights_name_their_vllm_quantisation() {
        var state = DesiredStates.direct().pool("t4", "T4", 1, 1, GpuSharing.exclusive()).tenant("lab")
                .model("lab", "awq", "Qwen/Qwen2.5-7B-Instruct-AWQ", Precision.INT4_AWQ, "t4", null, 1).build();

        var isvc = find(renderer.render(state), "InferenceService", "awq");

        UpstreamSchemas.assertValid(isvc);
        assertThat(list(isvc, "spec.predictor.model.args")).contains("--quantization=awq",
                "--dtype=half");
    }

    @Test
    void model_serving_kinds_are_delivered_like_every_other_kind() {
        assertThat(ManagedKind.DEFAULTS).extracting(ManagedKind::kind).contains("RayService", "InferenceService");
        var state = DesiredStates.gitops().pool("t4", "T4", 4, 1, GpuSharing.exclusive()).tenant("code")
                .module("code", "kuberay")
                .model("code", "coder", "Qwen/Qwen2.5-Coder-14B-Instruct", Precision.FP16, "t4", null, 1).build();
        List<String> kinds = renderer.render(state).stream().map(HasMetadata::getKind).toList();

        assertThat(kinds.indexOf("RayService")).isGreaterThan(kinds.lastIndexOf("HelmRelease"));
        assertThat(ManagedKind.DEFAULTS).allSatisfy(kind -> assertThat(kind.plural()).isNotBlank());
        assertThat(ManagedKind.DEFAULTS.stream().filter(k -> k.kind().equals("RayService")).findFirst().orElseThrow()
                .matches(find(renderer.render(state), "RayService", "coder"))).isTrue();
    }

    @Test
    void renders_the_pilot_pair_co_located_on_four_time_sliced_t4s_as_valid_ray_services_with_budgets() {
        var state = DesiredStates.gitops().pool("t4", "T4", 4, 1, GpuSharing.timeSlicing(64, false, false))
                .tenant("code")
                .coLocatedModel("code", "chat", "Qwen/Qwen2.5-7B-Instruct", Precision.FP16, "t4", null, 4096, 2, 0.375)
                .coLocatedModel("code", "coder", "Qwen/Qwen2.5-Coder-14B-Instruct", Precision.FP16, "t4", null, 4096,
                        2, 0.625)
                .build();
        List<HasMetadata> objects = renderer.render(state);

        var chat = find(objects, "RayService", "chat");
        var coder = find(objects, "RayService", "coder");
        UpstreamSchemas.assertValid(chat);
        UpstreamSchemas.assertValid(coder);
        String worker = "spec.rayClusterConfig.workerGroupSpecs.0.";
        assertThat(at(chat, worker + "replicas")).as("one pod per pipeline stage").isEqualTo(4);
        assertThat(map(chat, worker + "template.spec.containers.0.resources.limits"))
                .containsEntry("nvidia.com/gpu", "24");
        assertThat(map(coder, worker + "template.spec.containers.0.resources.limits"))
                .containsEntry("nvidia.com/gpu", "40");
        assertThat(at(chat, worker + "rayStartParams.num-gpus")).as("Ray sees the one GPU, not 24").isEqualTo("1");
        assertThat(map(chat, worker + "template.metadata.labels"))
                .containsEntry("ml.nova.io/model-deployment", "chat");
        assertThat(at(chat, worker + "template.spec.affinity.podAntiAffinity"
                + ".requiredDuringSchedulingIgnoredDuringExecution.0")).isEqualTo(Map.of(
                "labelSelector", Map.of("matchLabels", Map.of("ml.nova.io/model-deployment", "chat")),
                "topologyKey", "kubernetes.io/hostname"));
        assertThat(at(chat, worker + "template.spec.affinity.nodeAffinity")).as("still on the pool").isNotNull();
        assertThat(list(chat, worker + "template.spec.containers.0.env")).contains(
                Map.of("name", "VLLM_PP_LAYER_PARTITION", "value", "6,8,8,6"),
                Map.of("name", "VLLM_ATTENTION_BACKEND", "value", "TRITON_ATTN"));
        assertThat(list(coder, worker + "template.spec.containers.0.env")).contains(
                Map.of("name", "VLLM_PP_LAYER_PARTITION", "value", "11,13,13,11"));
        JsonNode chatEngine = serveConfig(chat).path("applications").get(0).path("args").path("llm_configs").get(0)
                .path("engine_kwargs");
        JsonNode coderEngine = serveConfig(coder).path("applications").get(0).path("args").path("llm_configs").get(0)
                .path("engine_kwargs");
        assertThat(chatEngine.path("gpu_memory_utilization").asDouble()).isEqualTo(0.337);
        assertThat(coderEngine.path("gpu_memory_utilization").asDouble()).isEqualTo(0.562);
        assertThat(chatEngine.path("gpu_memory_utilization").asDouble()
                + coderEngine.path("gpu_memory_utilization").asDouble()).as("both on one T4").isLessThanOrEqualTo(0.9);
        assertThat(chatEngine.path("dtype").asString()).isEqualTo("half");
        assertThat(chatEngine.path("pipeline_parallel_size").asInt()).isEqualTo(4);
    }

    @Test
    void renders_co_located_models_on_leader_worker_sets_and_llm_inference_services_spread_over_nodes() {
        var state = DesiredStates.direct().pool("t4", "T4", 4, 1, GpuSharing.timeSlicing(64, false, false))
                .tenant("code")
                .coLocatedModel("code", "chat", "Qwen/Qwen2.5-7B-Instruct", Precision.FP16, "t4",
                        ServingEngine.VLLM_LWS, 4096, 2, 0.375)
                .coLocatedModel("code", "coder", "Qwen/Qwen2.5-Coder-14B-Instruct", Precision.FP16, "t4",
                        ServingEngine.KSERVE_LLM, 4096, 2, 0.625)
                .build();
        List<HasMetadata> objects = renderer.render(state);

        var lws = find(objects, "LeaderWorkerSet", "chat");
        var llm = find(objects, "LLMInferenceService", "coder");
        UpstreamSchemas.assertValid(lws);
        UpstreamSchemas.assertValid(llm);
        for (String template : List.of("leaderTemplate", "workerTemplate")) {
            String pod = "spec.leaderWorkerTemplate." + template + ".";
            assertThat(map(lws, pod + "metadata.labels")).containsEntry("ml.nova.io/model-deployment", "chat");
            assertThat(at(lws, pod + "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                    + ".0.topologyKey")).isEqualTo("kubernetes.io/hostname");
            assertThat(map(lws, pod + "spec.containers.0.resources.limits")).containsEntry("nvidia.com/gpu", "24");
        }
        assertThat((String) at(lws, "spec.leaderWorkerTemplate.leaderTemplate.spec.containers.0.command.2"))
                .contains("--gpu-memory-utilization 0.337", "--pipeline-parallel-size 4", "--dtype half");
        assertThat(map(llm, "spec.labels")).containsEntry("ml.nova.io/model-deployment", "coder");
        for (String pod : List.of("spec.template.", "spec.worker.")) {
            assertThat(at(llm, pod + "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.0"
                    + ".labelSelector.matchLabels")).isEqualTo(Map.of("ml.nova.io/model-deployment", "coder"));
            assertThat(map(llm, pod + "containers.0.resources.limits")).containsEntry("nvidia.com/gpu", "40");
        }
        assertThat(list(llm, "spec.template.containers.0.args")).contains("--gpu-memory-utilization=0.562");
    }

    @Test
    void renders_a_small_co_located_model_on_one_node_as_a_valid_inference_service() {
        var state = DesiredStates.direct().pool("l4", "L4", 2, 1, GpuSharing.timeSlicing(32, false, false))
                .tenant("chat")
                .coLocatedModel("chat", "small", "Qwen/Qwen2.5-1.5B-Instruct", Precision.BF16, "l4", null, 4096, 2,
                        0.25)
                .build();

        var isvc = find(renderer.render(state), "InferenceService", "small");

        UpstreamSchemas.assertValid(isvc);
        assertThat(map(isvc, "spec.predictor.model.resources.limits")).containsEntry("nvidia.com/gpu", "8");
        assertThat(list(isvc, "spec.predictor.model.args")).contains("--gpu-memory-utilization=0.225");
        assertThat(at(isvc, "spec.predictor.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                + ".0.labelSelector.matchLabels")).isEqualTo(Map.of("ml.nova.io/model-deployment", "small"));
        assertThat(list(isvc, "spec.predictor.model.env")).noneMatch(e -> ((Map<?, ?>) e).get("name")
                .equals("VLLM_ATTENTION_BACKEND"));
    }
}
