package io.nova.platform.core.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The models the planner knows by their Hugging Face id, from {@code model-catalog.yaml} on the classpath. */
public final class ModelCatalog {

    static final String RESOURCE = "/model-catalog.yaml";

    // Quantised checkpoints keep the architecture of the model they were made from.
    private static final Pattern QUANTISED_SUFFIX = Pattern.compile("-(awq|gptq-int4|gptq-int8|fp8|int8|int4)$",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, Entry> byId = new LinkedHashMap<>();

    /** A model of the catalog. */
    public record Entry(String id, long parameters, int layers, int attentionHeads, int kvHeads, int headDim,
                        int maxContext, int vocabSize, boolean tiedEmbeddings) {

        public ModelFacts facts() {
            return new ModelFacts(parameters, layers, attentionHeads, kvHeads, headDim, maxContext, vocabSize,
                    tiedEmbeddings);
        }
    }

    private ModelCatalog(List<Entry> entries) {
        for (Entry entry : entries) {
            if (entry.attentionHeads() % entry.kvHeads() != 0) {
                throw new IllegalStateException(RESOURCE + ": " + entry.id() + " has " + entry.attentionHeads()
                        + " attention heads, not a multiple of its " + entry.kvHeads() + " KV heads");
            }
            if (byId.putIfAbsent(key(entry.id()), entry) != null) {
                throw new IllegalStateException(RESOURCE + ": " + entry.id() + " appears twice");
            }
        }
    }

    public static ModelCatalog load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            CatalogFile file = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build()
                    .readValue(in, CatalogFile.class);
            return new ModelCatalog(file.models());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<Entry> all() {
        return List.copyOf(byId.values());
    }

    /** The model with this Hugging Face id (case-insensitive), or the model a quantised variant was made from. */
    public Optional<Entry> find(String huggingFaceId) {
        if (huggingFaceId == null) {
            return Optional.empty();
        }
        Entry exact = byId.get(key(huggingFaceId));
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(byId.get(key(QUANTISED_SUFFIX.matcher(huggingFaceId).replaceFirst(""))));
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private record CatalogFile(List<Entry> models) {
    }
}
