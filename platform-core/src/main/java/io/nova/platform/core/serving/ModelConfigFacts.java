package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.nova.platform.core.common.Violations;

/**
 * A model's facts read from its Hugging Face {@code config.json} (and, for the exact parameter count, its
 * {@code model.safetensors.index.json}), for models outside the catalog. Without the index the parameter count is
 * computed from the architecture (attention with grouped-query heads and the Qwen2 biases, a gated MLP, norms,
 * embeddings and LM head), which is exact for Llama- and Qwen2-style decoders.
 *
 * @param facts            what the planner needs
 * @param quantization     the precision the checkpoint is quantised to ({@code quantization_config}), or null
 * @param parametersSource {@code safetensors index} or {@code architecture}
 * @param notes            how each fact was found, for people
 */
public record ModelConfigFacts(ModelFacts facts, Precision quantization, String parametersSource,
                               List<String> notes) {

    public ModelConfigFacts {
        notes = List.copyOf(notes);
    }

    /** Reads the facts, or fails with a 422 naming each field of {@code config} that is missing or wrong. */
    public static ModelConfigFacts read(Map<String, Object> config, Map<String, Object> safetensorsIndex) {
        var v = new Violations();
        if (config == null || config.isEmpty()) {
            v.add("config", "is required: the model's config.json").throwIfAny("Invalid model config");
        }
        Map<String, Object> text = textConfig(config);
        Integer hidden = integer(v, text, "hidden_size", 1, 1_000_000);
        Integer layers = integer(v, text, "num_hidden_layers", 1, 10_000);
        Integer heads = integer(v, text, "num_attention_heads", 1, 100_000);
        Integer kvHeads = text.containsKey("num_key_value_heads") ? integer(v, text, "num_key_value_heads", 1, 100_000)
                : heads;
        Integer maxContext = integer(v, text, "max_position_embeddings", 1, 100_000_000);
        Integer vocab = integer(v, text, "vocab_size", 1, 100_000_000);
        v.throwIfAny("Invalid model config");
        var notes = new ArrayList<String>();
        int headDim = text.get("head_dim") instanceof Number n ? n.intValue() : hidden / heads;
        if (!(text.get("head_dim") instanceof Number) && hidden % heads != 0) {
            new Violations().add("config.hidden_size", "%d is not a multiple of num_attention_heads %d; give head_dim"
                    .formatted(hidden, heads)).throwIfAny("Invalid model config");
        }
        boolean tied = Boolean.TRUE.equals(text.get("tie_word_embeddings"))
                || Boolean.TRUE.equals(config.get("tie_word_embeddings"));
        Precision quantization = quantization(config.get("quantization_config"), notes);
        Long parameters = null;
        String source;
        Object metadata = safetensorsIndex == null ? null : safetensorsIndex.get("metadata");
        if (quantization == null && metadata instanceof Map<?, ?> meta && meta.get("total_size") instanceof Number size) {
            int bytes = bytesPerParameter(String.valueOf(config.getOrDefault("torch_dtype", "bfloat16")));
            parameters = size.longValue() / bytes;
            source = "safetensors index";
            notes.add("parameters: total_size %d bytes / %d bytes per %s parameter".formatted(size.longValue(), bytes,
                    config.getOrDefault("torch_dtype", "bfloat16")));
        } else {
            parameters = architectureParameters(text, hidden, layers, heads, kvHeads, headDim, vocab, tied);
            source = "architecture";
            notes.add("parameters: computed from the architecture (%d layers of attention and MLP, embeddings%s)"
                    .formatted(layers, tied ? " tied to the LM head" : " and LM head"));
        }
        notes.add("head_dim %d, %d key/value heads of %d, context %d, vocabulary %d".formatted(headDim, kvHeads, heads,
                maxContext, vocab));
        return new ModelConfigFacts(new ModelFacts(parameters, layers, heads, kvHeads, headDim, maxContext, vocab,
                tied), quantization, source, notes);
    }

    /** Multimodal configs keep the language model's settings under {@code text_config}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> textConfig(Map<String, Object> config) {
        return config.get("text_config") instanceof Map<?, ?> text && text.containsKey("num_hidden_layers")
                ? (Map<String, Object>) text : config;
    }

    private static long architectureParameters(Map<String, Object> config, long hidden, long layers, long heads,
                                               long kvHeads, long headDim, long vocab, boolean tied) {
        long intermediate = config.get("intermediate_size") instanceof Number n ? n.longValue() : 4 * hidden;
        // Qwen2 has biases on q, k and v; Llama-style models have none unless attention_bias says so
        boolean qkvBias = "qwen2".equals(config.get("model_type")) || Boolean.TRUE.equals(config.get("attention_bias"));
        long q = hidden * heads * headDim + (qkvBias ? heads * headDim : 0);
        long kv = 2 * (hidden * kvHeads * headDim + (qkvBias ? kvHeads * headDim : 0));
        long o = heads * headDim * hidden;
        long mlp = 3 * hidden * intermediate;
        long norms = 2 * hidden;
        long embeddings = vocab * hidden * (tied ? 1 : 2);
        return layers * (q + kv + o + mlp + norms) + embeddings + hidden;
    }

    private static Precision quantization(Object quantization, List<String> notes) {
        if (!(quantization instanceof Map<?, ?> q)) {
            return null;
        }
        String method = String.valueOf(q.get("quant_method")).toLowerCase(Locale.ROOT);
        Object bits = q.get("bits");
        Precision precision = switch (method) {
            case "awq" -> Precision.INT4_AWQ;
            case "gptq" -> bits instanceof Number n && n.intValue() == 8 ? Precision.INT8 : Precision.INT4_GPTQ;
            case "fp8", "compressed-tensors" -> Precision.FP8;
            case "bitsandbytes" -> Precision.INT8;
            default -> null;
        };
        notes.add(precision == null ? "quantization_config %s: not one the planner knows; plan with a precision"
                .formatted(method) : "quantised checkpoint (%s%s): %s".formatted(method,
                bits == null ? "" : ", " + bits + " bits", precision));
        return precision;
    }

    private static int bytesPerParameter(String dtype) {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32", "fp32" -> 4;
            case "float8_e4m3fn", "fp8", "int8", "uint8" -> 1;
            default -> 2;
        };
    }

    private static Integer integer(Violations v, Map<String, Object> config, String key, int min, int max) {
        Object value = config.get(key);
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            v.add("config." + key, value == null ? "is missing from config.json" : "must be a whole number");
            return null;
        }
        long n = number.longValue();
        if (n < min || n > max) {
            v.add("config." + key, "must be between %d and %d (got %d)".formatted(min, max, n));
            return null;
        }
        return (int) n;
    }
}
