package io.nova.platform.k8s.render.tool;

import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * MinIO (the MinIO chart): its root user from the generated {@code minio-root-credentials}; its ServiceAccount named
 * {@code minio-sa}; no chart NetworkPolicy.
 */
final class MinioValues implements ToolValues {

    @Override
    public String module() {
        return "minio";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        return Values.merge(
                Map.of("existingSecret", "minio-root-credentials"),
                Values.at("serviceAccount", Map.of("create", true, "name", "minio-sa")),
                Values.at("networkPolicy.enabled", false));
    }
}
