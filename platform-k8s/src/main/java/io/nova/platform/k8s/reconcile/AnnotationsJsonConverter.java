package io.nova.platform.k8s.reconcile;

import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a map of annotations given as one JSON object, e.g. {@code NOVA_RECONCILE_ROUTES_ANNOTATIONS=
 * '{"nginx.ingress.kubernetes.io/proxy-body-size":"0"}'}: annotation keys hold dots and slashes, which no environment
 * variable name can carry. In YAML or properties files the map is written as a map, as usual.
 */
final class AnnotationsJsonConverter implements Converter<String, Map<String, String>> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Map<String, String> convert(String source) {
        if (source.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(source, new TypeReference<Map<String, String>>() {
            });
        } catch (JacksonException e) {
            throw new IllegalArgumentException("annotations must be a JSON object of strings, e.g. "
                    + "{\"nginx.ingress.kubernetes.io/proxy-body-size\":\"0\"}: " + e.getOriginalMessage(), e);
        }
    }
}
