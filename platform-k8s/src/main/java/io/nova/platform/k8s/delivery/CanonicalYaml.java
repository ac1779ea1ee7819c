package io.nova.platform.k8s.delivery;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The one way objects become text: sorted keys, no nulls, no status and no server-managed metadata, so the same
 * object always gives byte-identical YAML (for Git files, plans and diffs).
 */
public final class CanonicalYaml {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final List<String> SERVER_METADATA = List.of("resourceVersion", "uid", "creationTimestamp",
            "generation", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private CanonicalYaml() {
    }

    public static String of(HasMetadata object) {
        // The same text as write(tree(object)), written from the object's map: Jackson sorts map entries by key, so
        // the two intermediate trees (a third of the cost of every Git file) are not needed
        @SuppressWarnings("unchecked")
        Map<String, Object> map = KUBERNETES.convertValue(object, Map.class);
        map.remove("status");
        if (map.get("metadata") instanceof Map<?, ?> metadata) {
            SERVER_METADATA.forEach(metadata::remove);
        }
        dropNullMembers(map);
        return YAML.writeValueAsString(map);
    }

    /** Removes null members of every map inside, as {@link #sorted} leaves them out (null list elements stay). */
    private static void dropNullMembers(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().removeIf(java.util.Objects::isNull);
            map.values().forEach(CanonicalYaml::dropNullMembers);
        } else if (value instanceof List<?> list) {
            list.forEach(CanonicalYaml::dropNullMembers);
        }
    }

    /** The object as a sorted JSON tree without nulls, status and server-managed metadata. */
    public static JsonNode tree(HasMetadata object) {
        JsonNode node = YAML.valueToTree(KUBERNETES.convertValue(object, Map.class));
        if (node instanceof ObjectNode root) {
            root.remove("status");
            if (root.get("metadata") instanceof ObjectNode metadata) {
                SERVER_METADATA.forEach(metadata::remove);
            }
        }
        return sorted(node);
    }

    /** Plain data (maps, lists, scalars) as YAML with sorted keys, e.g. a config file embedded in a ConfigMap. */
    public static String ofValue(Object value) {
        return write(sorted(YAML.valueToTree(value)));
    }

    public static String write(JsonNode tree) {
        return YAML.writeValueAsString(tree);
    }

    /** A copy with object keys in order and null members dropped. */
    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var copy = YAML.createObjectNode();
            new TreeSet<>(object.propertyNames()).forEach(name -> {
                JsonNode value = object.get(name);
                if (!value.isNull()) {
                    copy.set(name, sorted(value));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = YAML.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
