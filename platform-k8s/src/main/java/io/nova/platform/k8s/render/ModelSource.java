package io.nova.platform.k8s.render;

import java.util.Map;

/**
 * Where a model's weights come from, in the forms the serving stacks read: a Hugging Face id, an object-store
 * URI, or a path on a PersistentVolumeClaim of the tenant namespace (mounted read-only at {@value #MOUNT}).
 */
record ModelSource(String huggingFaceId, String bucketUri, String claim, String path) {

    static final String MOUNT = "/mnt/models";

    static ModelSource of(String model) {
        if (model.startsWith("pvc://")) {
            String rest = model.substring("pvc://".length());
            int slash = rest.indexOf('/');
            return new ModelSource(null, null, slash < 0 ? rest : rest.substring(0, slash),
                    slash < 0 ? "" : rest.substring(slash + 1));
        }
        if (model.contains("://")) {
            return new ModelSource(null, model, null, null);
        }
        return new ModelSource(model, null, null, null);
    }

    /** Ray Serve LLM's {@code model_loading_config.model_source}. */
    Object forRay() {
        if (huggingFaceId != null) {
            return huggingFaceId;
        }
        if (bucketUri != null) {
            return Map.of("bucket_uri", bucketUri);
        }
        return localPath();
    }

    /** KServe's {@code storageUri}: {@code hf://} for Hugging Face, the URI itself otherwise. */
    String forKServe(String model) {
        return huggingFaceId != null ? "hf://" + huggingFaceId : model;
    }

    String localPath() {
        return path.isEmpty() ? MOUNT : MOUNT + "/" + path;
    }
}
