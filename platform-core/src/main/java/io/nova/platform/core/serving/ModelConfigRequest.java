package io.nova.platform.core.serving;

import java.util.Map;

/**
 * A model's {@code config.json} and, optionally, its {@code model.safetensors.index.json}, as pasted or uploaded.
 *
 * @param config           the parsed config.json
 * @param safetensorsIndex the parsed index (its {@code metadata.total_size} gives the exact parameter count)
 */
public record ModelConfigRequest(Map<String, Object> config, Map<String, Object> safetensorsIndex) {
}
