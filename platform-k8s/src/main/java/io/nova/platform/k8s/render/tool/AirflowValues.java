package io.nova.platform.k8s.render.tool;

import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * Apache Airflow (the Apache chart): its Fernet key from the generated {@code airflow-fernet-key}; no
 * multi-namespace mode (a ClusterRole for pods everywhere) and no chart NetworkPolicies; fixed ServiceAccount names,
 * so that Vault's roles bind exactly the catalog's accounts.
 */
final class AirflowValues implements ToolValues {

    @Override
    public String module() {
        return "airflow";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        return Values.merge(
                Map.of("multiNamespaceMode", false),
                Map.of("fernetKeySecretName", "airflow-fernet-key"),
                Values.at("networkPolicies.enabled", false),
                Values.at("rbac.create", true),
                Values.at("apiServer.serviceAccount", Map.of("create", true, "name", "airflow-api-server")),
                Values.at("webserver.serviceAccount", Map.of("create", true, "name", "airflow-webserver")),
                Values.at("scheduler.serviceAccount", Map.of("create", true, "name", "airflow-scheduler")),
                Values.at("workers.serviceAccount", Map.of("create", true, "name", "airflow-worker")),
                Values.at("triggerer.serviceAccount", Map.of("create", true, "name", "airflow-triggerer")),
                Values.at("dagProcessor.serviceAccount", Map.of("create", true, "name", "airflow-dag-processor")));
    }
}
