package io.nova.platform.k8s.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.serving.ModelDeploymentSnapshot;
import io.nova.platform.core.serving.ModelPlan;
import io.nova.platform.k8s.delivery.CanonicalYaml;

/**
 * A KubeRay {@code RayService} that serves the model with vLLM under Ray Serve LLM ({@code build_openai_app}): a
 * CPU-only head and one GPU worker per pipeline stage and replica on the pool's nodes, each requesting {@code tp}
 * devices; the workers tolerate only their pool's taint and require its nodes. Ray places vLLM's {@code tp × pp} GPU bundles over the workers; the OpenAI-compatible API listens on the
 * serve Service ({@code <name>-serve-svc:8000}).
 */
final class RayServiceRenderer {

    static final String RAY_VERSION = "2.46.0";
    static final String IMAGE = "rayproject/ray-llm:2.46.0-py311-cu124";

    /** With {@code queued}, Kueue admits it (through the RayCluster KubeRay creates for it, which gets the labels). */
    GenericKubernetesResource render(String cluster, String namespace, ModelDeploymentSnapshot model,
                                     PoolSnapshot pool, boolean queued) {
        ModelPlan plan = model.plan();
        ModelSource source = ModelSource.of(model.model());
        var spec = new LinkedHashMap<String, Object>();
        spec.put("serveConfigV2", CanonicalYaml.ofValue(serveConfig(model, source)));
        var env = ServingPods.env(plan, pool);
        var rayCluster = new LinkedHashMap<String, Object>();
        rayCluster.put("rayVersion", RAY_VERSION);
        rayCluster.put("enableInTreeAutoscaling", false);
        rayCluster.put("headGroupSpec", Map.of(
                "rayStartParams", Map.of("dashboard-host", "0.0.0.0", "num-gpus", "0"),
                "template", Map.of("spec", Map.of("containers", List.of(container("ray-head", env, Map.of(
                        "requests", Map.of("cpu", "2", "memory", "8Gi"), "limits", Map.of("memory", "8Gi")),
                        List.of(port("gcs-server", 6379), port("dashboard", 8265), port("client", 10001),
                                port("serve", 8000)), List.of()))))));
        int workers = plan.pipelineParallelSize() * plan.replicas();
        var workerPod = new LinkedHashMap<String, Object>();
        PoolPlacement.place(workerPod, pool);
        ServingPods.spread(workerPod, model);
        workerPod.put("containers", List.of(container("ray-worker", env, ServingPods.resources(plan), List.of(),
                ServingPods.volumeMounts(source))));
        workerPod.put("volumes", ServingPods.volumes(source));
        var workerGroup = new LinkedHashMap<String, Object>();
        workerGroup.put("groupName", "gpu");
        workerGroup.put("replicas", workers);
        workerGroup.put("minReplicas", workers);
        workerGroup.put("maxReplicas", workers);
        // Ray counts the GPUs the pod sees (tp, or the one GPU of a time-sliced share), not the resource's amount.
        workerGroup.put("rayStartParams", Map.of("num-gpus", Integer.toString(plan.tensorParallelSize())));
        workerGroup.put("template", Map.of("metadata", Map.of("labels", ServingPods.podLabels(model, false)),
                "spec", workerPod));
        rayCluster.put("workerGroupSpecs", List.of(workerGroup));
        spec.put("rayClusterConfig", rayCluster);
        return GenericObjects.of(GenericObjects.RAY, "RayService", namespace, model.name(),
                ServingPods.labels(cluster, model, queued), spec);
    }

    private static Map<String, Object> serveConfig(ModelDeploymentSnapshot model, ModelSource source) {
        ModelPlan plan = model.plan();
        var llm = new LinkedHashMap<String, Object>();
        llm.put("model_loading_config", Map.of("model_id", model.name(), "model_source", source.forRay()));
        llm.put("engine_kwargs", ServingPods.engineArguments(model));
        llm.put("deployment_config", Map.of("autoscaling_config", Map.of("min_replicas", plan.replicas(),
                "max_replicas", plan.replicas())));
        var application = new LinkedHashMap<String, Object>();
        application.put("name", "llm");
        application.put("route_prefix", "/");
        application.put("import_path", "ray.serve.llm:build_openai_app");
        application.put("args", Map.of("llm_configs", List.of(llm)));
        return Map.of("applications", List.of(application));
    }

    private static Map<String, Object> container(String name, List<Map<String, Object>> env,
                                                 Map<String, Object> resources, List<Map<String, Object>> ports,
                                                 List<Map<String, Object>> mounts) {
        var container = new LinkedHashMap<String, Object>();
        container.put("name", name);
        container.put("image", IMAGE);
        container.put("env", env);
        container.put("resources", resources);
        if (!ports.isEmpty()) {
            container.put("ports", ports);
        }
        if (!mounts.isEmpty()) {
            container.put("volumeMounts", mounts);
        }
        return container;
    }

    private static Map<String, Object> port(String name, int port) {
        return Map.of("name", name, "containerPort", port);
    }
}
