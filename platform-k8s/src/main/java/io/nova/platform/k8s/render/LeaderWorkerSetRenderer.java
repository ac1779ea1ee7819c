package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;

/**
 * Plain vLLM on a {@code LeaderWorkerSet} ({@code leaderworkerset.x-k8s.io/v1}), as vLLM's own multi-node guide runs
 * it: one group per replica of {@code pp} pods (a leader and {@code pp − 1} workers, each with {@code tp} devices of
 * the pool's resource); when it spans nodes the leader starts a Ray head for its group and the workers join it, and
 * vLLM runs with the plan's tensor and pipeline sizes. The leaders serve the OpenAI-compatible API on port
 * {@value #PORT}, behind the Service {@code <name>-openai}; a leader is ready only once {@code /v1/models} answers.
 */
final class LeaderWorkerSetRenderer {

    static final String API_VERSION = "leaderworkerset.x-k8s.io/v1";
    static final String IMAGE = "vllm/vllm-openai:v0.11.0";
    static final int PORT = 8000;
    /** The container variable holding the model source (a Hugging Face id, a path or a bucket URI). */
    static final String MODEL_VARIABLE = "NOVA_MODEL_SOURCE";
    /** vLLM's multi-node helper in its image: starts or joins the group's Ray cluster. */
    private static final String MULTI_NODE = "bash /vllm-workspace/examples/online_serving/multi-node-serving.sh";

    GenericKubernetesResource render(String cluster, String namespace, ModelDeploymentSnapshot model,
                                     PoolSnapshot pool, boolean queued) {
        ModelPlan plan = model.plan();
        boolean multiNode = plan.pipelineParallelSize() > 1;
        var template = new LinkedHashMap<String, Object>();
        template.put("size", plan.pipelineParallelSize());
        template.put("restartPolicy", "RecreateGroupOnPodRestart");
        var metadata = Map.of("labels", ServingPods.podLabels(model, false));
        template.put("leaderTemplate", Map.of("metadata", metadata, "spec", pod(model, pool, "vllm-leader",
                leaderCommand(model), true)));
        if (multiNode) {
            template.put("workerTemplate", Map.of("metadata", metadata, "spec", pod(model, pool, "vllm-worker",
                    MULTI_NODE + " worker --ray_address=$(LWS_LEADER_ADDRESS)", false)));
        } else {
            // a group of one: the leader alone, but the CRD still wants the worker template
            template.put("workerTemplate", Map.of("metadata", metadata, "spec", pod(model, pool, "vllm-worker",
                    leaderCommand(model), true)));
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("replicas", plan.replicas());
        spec.put("leaderWorkerTemplate", template);
        return GenericObjects.of(API_VERSION, "LeaderWorkerSet", namespace, model.name(),
                ServingPods.labels(cluster, model, queued), spec);
    }

    /** The Service in front of the groups' leaders. */
    HasMetadata service(String cluster, String namespace, ModelDeploymentSnapshot model) {
        return new ServiceBuilder().withNewMetadata().withName(model.name() + "-openai").withNamespace(namespace)
                .withLabels(ServingPods.labels(cluster, model, false)).endMetadata()
                .withNewSpec().withType("ClusterIP")
                .withSelector(Map.of("leaderworkerset.sigs.k8s.io/name", model.name(),
                        "leaderworkerset.sigs.k8s.io/worker-index", "0"))
                .addNewPort().withName("http").withPort(PORT).withTargetPort(new IntOrString(PORT))
                .withProtocol("TCP").endPort().endSpec().build();
    }

    private static String leaderCommand(ModelDeploymentSnapshot model) {
        ModelPlan plan = model.plan();
        ModelSource source = ModelSource.of(model.model());
        var args = new ArrayList<String>();
        // the tenant's model source reaches the shell only as a variable's value, never as shell text
        args.add("vllm serve \"$" + MODEL_VARIABLE + "\"");
        args.add("--served-model-name " + model.name());
        args.add("--port " + PORT);
        args.add("--tensor-parallel-size " + plan.tensorParallelSize());
        args.add("--pipeline-parallel-size " + plan.pipelineParallelSize());
        if (source.bucketUri() != null) {
            args.add("--load-format runai_streamer");
        }
        ServingPods.vllmArguments(plan).forEach(argument -> args.add(argument.replace('=', ' ')));
        String serve = String.join(" ", args);
        return plan.pipelineParallelSize() > 1
                ? MULTI_NODE + " leader --ray_cluster_size=$(LWS_GROUP_SIZE); " + serve
                : serve;
    }

    private static Map<String, Object> pod(ModelDeploymentSnapshot model, PoolSnapshot pool, String name,
                                           String command, boolean serves) {
        var pod = new LinkedHashMap<String, Object>();
        PoolPlacement.place(pod, pool);
        ServingPods.spread(pod, model);
        ModelSource source = ModelSource.of(model.model());
        var container = new LinkedHashMap<String, Object>();
        container.put("name", name);
        container.put("image", IMAGE);
        container.put("command", List.of("sh", "-c", command));
        var env = new ArrayList<>(ServingPods.env(model.plan(), pool));
        env.add(Map.of("name", MODEL_VARIABLE, "value", source.huggingFaceId() != null ? source.huggingFaceId()
                : source.claim() != null ? source.localPath() : source.bucketUri()));
        container.put("env", env);
        container.put("resources", ServingPods.resources(model.plan()));
        if (serves) {
            container.put("ports", List.of(Map.of("name", "http", "containerPort", PORT)));
            container.put("readinessProbe", Map.of("httpGet", Map.of("path", "/v1/models", "port", PORT),
                    "initialDelaySeconds", 30, "periodSeconds", 10));
        }
        var mounts = ServingPods.volumeMounts(source);
        var volumes = ServingPods.volumes(source);
        container.put("volumeMounts", mounts);
        pod.put("containers", List.of(container));
        pod.put("volumes", volumes);
        return pod;
    }
}
