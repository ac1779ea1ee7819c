package io.nova.platform.k8s.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import io.nova.platform.k8s.schema.UpstreamSchemas;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The upstream charts under {@code <reference dir>/charts} (see its README: versions there differ from the catalog's
 * pins), rendered with real Helm 3 through helm-java, hooks included: helm-java's {@code template()} leaves hook
 * manifests out, so a copy of the chart is rendered in which {@code helm.sh/hook} is renamed and hooks become plain
 * manifests (a tenant release installs its hooks with the same identity, so they count).
 */
final class ReferenceCharts {

    static final String KUBE_VERSION = "v1.33.0";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ReferenceCharts() {
    }

    static Optional<Path> dir() {
        return UpstreamSchemas.referenceDir().map(dir -> dir.resolve("charts")).filter(Files::isDirectory);
    }

    /** The chart's own values.yaml as nested maps. */
    static Map<String, Object> defaultValues(Path chart) {
        try {
            Path file = chart.resolve("values.yaml");
            if (Files.size(file) == 0) {
                return Map.of();
            }
            Map<String, Object> values = YAML.readValue(file.toFile(), new TypeReference<>() {
            });
            return values == null ? Map.of() : values;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("cannot read " + chart.resolve("values.yaml"), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The chart's defaults with each bundled subchart's ({@code charts/<name>/values.yaml}) under its name, as Helm
     * sees them: what the parent chart sets for a subchart wins over the subchart's own default.
     */
    static Map<String, Object> defaultValuesWithSubcharts(Path chart) {
        var values = new java.util.LinkedHashMap<>(defaultValues(chart));
        Path subcharts = chart.resolve("charts");
        if (!Files.isDirectory(subcharts)) {
            return values;
        }
        try (Stream<Path> dirs = Files.list(subcharts)) {
            for (Path subchart : dirs.filter(dir -> Files.isRegularFile(dir.resolve("values.yaml"))).sorted().toList()) {
                String name = subchart.getFileName().toString();
                Object parent = values.get(name);
                values.put(name, io.nova.platform.k8s.render.Values.merge(defaultValuesWithSubcharts(subchart),
                        parent instanceof Map<?, ?> map ? asStringMap(map) : Map.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStringMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** The chart's values.schema.json, empty when it has none. */
    static Map<String, Object> valuesSchema(Path chart) {
        Path schema = chart.resolve("values.schema.json");
        if (!Files.isRegularFile(schema)) {
            return Map.of();
        }
        try {
            Map<String, Object> values = YAML.readValue(schema.toFile(), new TypeReference<>() {
            });
            return values == null ? Map.of() : values;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("cannot read " + schema, e);
        }
    }

    /** Every object the chart renders with these values (hooks too), as nested maps. */
    static List<Map<String, Object>> render(Path chart, String release, String namespace, Map<String, Object> values) {
        Path copy = copyWithoutHooks(chart);
        try {
            Path valuesFile = Files.createTempFile("nova-values-", ".yaml");
            try {
                Files.writeString(valuesFile, YAML.writeValueAsString(values));
                String manifest = new Helm(copy).template().withName(release).withNamespace(namespace)
                        .withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile).call();
                return parse(manifest);
            } finally {
                Files.deleteIfExists(valuesFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /**
     * The manifest's objects. Lines of blanks are emptied first: Airflow's pod template ConfigMap starts a block scalar
     * with a line of more blanks than its content, which Go's YAML accepts and SnakeYAML refuses.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String manifest) {
        var objects = new ArrayList<Map<String, Object>>();
        try (var documents = YAML.readerFor(Object.class).readValues(manifest.replaceAll("(?m)^[ \t]+$", ""))) {
            while (documents.hasNextValue()) {
                Object document = documents.nextValue();
                if (document instanceof Map<?, ?> object && object.get("kind") != null) {
                    objects.add((Map<String, Object>) object);
                }
            }
        }
        return objects;
    }

    private static Path copyWithoutHooks(Path chart) {
        try {
            Path target = Files.createTempDirectory("nova-chart-").resolve(chart.getFileName().toString());
            try (Stream<Path> files = Files.walk(chart)) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(chart.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else if (file.toString().endsWith(".yaml") || file.toString().endsWith(".tpl")) {
                        Files.writeString(to, Files.readString(file).replace("helm.sh/hook", "nova.test/was-hook"));
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path chart) {
        try (Stream<Path> files = Files.walk(chart.getParent())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
