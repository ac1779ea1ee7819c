package io.nova.platform.k8s.schema;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates a rendered object against the {@code openAPIV3Schema} of its CRD version, as the API server would with
 * strict field validation: upstream kinds against {@code <reference dir>/crds}, our own kinds against
 * {@code helm/nova-platform/crds}.
 * <p>
 * Kubernetes semantics on top of JSON Schema: fields a schema does not name are errors unless
 * {@code x-kubernetes-preserve-unknown-fields}; {@code x-kubernetes-int-or-string} accepts both; null members count
 * as absent; {@code metadata} is only checked loosely. CEL rules ({@code x-kubernetes-validations}) and list-map key
 * uniqueness are not checked.
 */
public final class UpstreamSchemas {

    public static final String REFERENCE_DIR_PROPERTY = "nova.reference.dir";
    public static final String REFERENCE_DIR_ENV = "NOVA_REFERENCE_DIR";
    private static final String OWN_CRDS = "helm/nova-platform/crds";

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft4());
    private static final Map<CrdKey, Schema> COMPILED = new ConcurrentHashMap<>();

    private UpstreamSchemas() {
    }

    /** What the API server would reject in the object; empty when it is valid. */
    public static List<String> problems(Object object) {
        JsonNode instance = withoutNulls(tree(object));
        Optional<CrdKey> key = CrdKey.of(instance);
        if (key.isEmpty()) {
            return List.of("/: apiVersion (group/version) and kind are required");
        }
        Optional<CrdSchema> crd = find(key.get());
        if (crd.isEmpty()) {
            return List.of("/: no CRD defines " + key.get() + " (looked in " + OwnCrds.DIR + " and "
                    + referenceDir().map(dir -> dir.resolve("crds")).orElseThrow() + ")");
        }
        Schema schema = COMPILED.computeIfAbsent(key.get(),
                k -> REGISTRY.getSchema(Structural.of(crd.get().openApiV3Schema())));
        return schema.validate(instance).stream().map(UpstreamSchemas::describe).toList();
    }

    public static void assertValid(Object object) {
        List<String> problems = problems(object);
        if (!problems.isEmpty()) {
            JsonNode instance = tree(object);
            fail("%s %s does not match its CRD schema:%n  %s", instance.path("kind").asString(""),
                    instance.path("metadata").path("name").asString("(unnamed)"),
                    String.join(System.lineSeparator() + "  ", problems));
        }
    }

    /** The read-only upstream reference data, if this checkout has it. */
    public static Optional<Path> referenceDir() {
        return Stream.of(System.getProperty(REFERENCE_DIR_PROPERTY), System.getenv(REFERENCE_DIR_ENV),
                        "../../shared/reference", "../shared/reference")
                .filter(candidate -> candidate != null && !candidate.isBlank())
                .map(candidate -> Path.of(candidate).toAbsolutePath().normalize())
                .filter(dir -> Files.isDirectory(dir.resolve("crds")))
                .findFirst();
    }

    private static Optional<CrdSchema> find(CrdKey key) {
        CrdSchema own = OwnCrds.CATALOG.get(key);
        if (own != null) {
            return Optional.of(own);
        }
        Assumptions.assumeTrue(ReferenceCrds.CATALOG != null, () -> "Skipped: no upstream CRD for " + key
                + " because the reference data is absent (set -D" + REFERENCE_DIR_PROPERTY + " or "
                + REFERENCE_DIR_ENV + ", or check out ../shared/reference)");
        return Optional.ofNullable(ReferenceCrds.CATALOG.get(key));
    }

    private static JsonNode tree(Object object) {
        return switch (object) {
            case JsonNode node -> node;
            case HasMetadata resource -> JSON.valueToTree(KUBERNETES.convertValue(resource, Map.class));
            case Map<?, ?> map -> JSON.valueToTree(map);
            case null -> throw new IllegalArgumentException("object is null");
            default -> throw new IllegalArgumentException("Not a Kubernetes object: " + object.getClass());
        };
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.properties().stream()
                    .filter(member -> !member.getValue().isNull())
                    .forEach(member -> copy.set(member.getKey(), withoutNulls(member.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "/" : location) + ": " + error.getMessage();
    }

    record CrdKey(String group, String version, String kind) {

        static Optional<CrdKey> of(JsonNode object) {
            String apiVersion = object.path("apiVersion").asString("");
            String kind = object.path("kind").asString("");
            int slash = apiVersion.indexOf('/');
            if (slash <= 0 || kind.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CrdKey(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind));
        }

        @Override
        public String toString() {
            return kind + " " + group + "/" + version;
        }
    }

    record CrdSchema(CrdKey key, JsonNode openApiV3Schema, Path source) {
    }

    private static final class OwnCrds {

        static final Path DIR = Stream.of(Path.of("..", OWN_CRDS), Path.of(OWN_CRDS))
                .map(dir -> dir.toAbsolutePath().normalize())
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + OWN_CRDS + " above " + Path.of("").toAbsolutePath()));
        static final Map<CrdKey, CrdSchema> CATALOG = Catalog.load(DIR);
    }

    private static final class ReferenceCrds {

        static final Map<CrdKey, CrdSchema> CATALOG = referenceDir()
                .map(dir -> Catalog.load(dir.resolve("crds")))
                .orElse(null);
    }

    private static final class Catalog {

        static Map<CrdKey, CrdSchema> load(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                Map<CrdKey, CrdSchema> catalog = new HashMap<>();
                files.filter(file -> file.toString().matches(".*\\.ya?ml$")).sorted()
                        .flatMap(Catalog::read)
                        .forEach(crd -> catalog.putIfAbsent(crd.key(), crd));
                return Map.copyOf(catalog);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Stream<CrdSchema> read(Path file) {
            try {
                return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll().stream()
                        .filter(document -> "CustomResourceDefinition".equals(document.path("kind").asString("")))
                        .flatMap(crd -> schemas(crd, file));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot read CRD " + file, e);
            }
        }

        private static Stream<CrdSchema> schemas(JsonNode crd, Path file) {
            JsonNode spec = crd.path("spec");
            String group = spec.path("group").asString();
            String kind = spec.path("names").path("kind").asString();
            return spec.path("versions").valueStream()
                    .filter(version -> version.path("schema").path("openAPIV3Schema").isObject())
                    .map(version -> new CrdSchema(new CrdKey(group, version.path("name").asString(), kind),
                            version.path("schema").path("openAPIV3Schema"), file));
        }
    }

    /** Turns a structural CRD schema into a draft-4 JSON Schema with the API server's semantics. */
    static final class Structural {

        private static final String PRESERVE = "x-kubernetes-preserve-unknown-fields";

        private Structural() {
        }

        static JsonNode of(JsonNode openApiV3Schema) {
            ObjectNode root = (ObjectNode) openApiV3Schema.deepCopy();
            ObjectNode properties = object(root, "properties");
            addObjectHeader(properties);
            ArrayNode required = root.get("required") instanceof ArrayNode existing ? existing : root.putArray("required");
            Stream.of("apiVersion", "kind", "metadata")
                    .filter(name -> required.valueStream().noneMatch(n -> n.asString().equals(name)))
                    .forEach(required::add);
            rewrite(root, true);
            return root;
        }

        private static void rewrite(ObjectNode node, boolean structural) {
            boolean preserve = node.path(PRESERVE).asBoolean(false);
            if (node.path("x-kubernetes-int-or-string").asBoolean(false) && !node.has("anyOf")) {
                node.remove("type");
                node.putArray("anyOf").add(type("integer")).add(type("string"));
            }
            if (node.path("x-kubernetes-embedded-resource").asBoolean(false)) {
                addObjectHeader(object(node, "properties"));
            }
            if ("set".equals(node.path("x-kubernetes-list-type").asString(""))) {
                node.put("uniqueItems", true);
            }
            if (structural && "object".equals(node.path("type").asString("")) && !preserve
                    && !node.has("additionalProperties")) {
                node.put("additionalProperties", false);
            }
            List<String> extensions = node.propertyNames().stream()
                    .filter(name -> name.startsWith("x-kubernetes-") || name.equals("nullable"))
                    .collect(Collectors.toList());
            node.remove(extensions);
            if (node.get("properties") instanceof ObjectNode properties) {
                properties.values().forEach(child -> rewriteChild(child, true));
            }
            rewriteChild(node.get("items"), true);
            rewriteChild(node.get("additionalProperties"), true);
            rewriteChild(node.get("not"), false);
            Stream.of("allOf", "anyOf", "oneOf")
                    .map(node::get)
                    .filter(Objects::nonNull)
                    .forEach(branches -> branches.forEach(branch -> rewriteChild(branch, false)));
        }

        private static void rewriteChild(JsonNode child, boolean structural) {
            if (child instanceof ObjectNode object) {
                rewrite(object, structural);
            }
        }

        /** apiVersion, kind and a lenient metadata, which Kubernetes implies for every (embedded) object. */
        private static void addObjectHeader(ObjectNode properties) {
            properties.set("apiVersion", type("string"));
            properties.set("kind", type("string"));
            ObjectNode metadata = type("object").put(PRESERVE, true);
            ObjectNode fields = metadata.putObject("properties");
            Stream.of("name", "generateName", "namespace").forEach(name -> fields.set(name, type("string")));
            Stream.of("labels", "annotations").forEach(name -> fields.set(name,
                    type("object").set("additionalProperties", type("string"))));
            properties.set("metadata", metadata);
        }

        private static ObjectNode object(ObjectNode parent, String name) {
            return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
        }

        private static ObjectNode type(String type) {
            return JSON.createObjectNode().put("type", type);
        }
    }
}
